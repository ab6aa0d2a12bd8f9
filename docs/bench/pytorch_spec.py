#!/usr/bin/env python3
"""The bench SPEC (../shared/bench/SPEC.md) in PyTorch eager, for a side-by-side with `./gan4j bench`.

Written the way a PyTorch user writes these loops (torch.nn modules, torch.optim.Adam, one
zero_grad/backward/step per player), on the same networks, batches, optimisers and iteration
counts as gan4j's B1-B3. Prints the SPEC's lines with impl=pytorch-eager.

    /usr/bin/python3 docs/bench/pytorch_spec.py [B1 B2 B3] [--threads 2]

Needs torch and an optimised BLAS. On Debian 12: apt-get install python3-torch libopenblas0-pthread
(without OpenBLAS, Debian's torch 1.13 runs its matrix products on the reference BLAS: B1 52 ms an
iteration instead of 4). OpenBLAS then starts as many threads as there are cores and fights torch's
OpenMP pool; OPENBLAS_NUM_THREADS=1 gives this build its best times (README, Benchmarks).
"""
import argparse
import time

import torch
from torch import nn

WARMUP = 20


def percentile(values, q):
    """Linear interpolation between order statistics (NumPy's default), as gan4j computes it."""
    s = sorted(values)
    pos = q / 100 * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


def mlp_gan():
    """B1: D 784-128-1, G 100-128-784 with Sigmoid; Xavier-normal weights, zero biases."""
    d = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 1))
    g = nn.Sequential(nn.Linear(100, 128), nn.ReLU(), nn.Linear(128, 784), nn.Sigmoid())
    for m in list(d) + list(g):
        if isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    return g, d


def dcgan28():
    """B2: DCGAN-28; layers that BatchNorm follows carry no bias (the DCGAN reference's choice, and gan4j's G)."""
    g = nn.Sequential(
        nn.Linear(100, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    return g, d


def train_iterations(g, d, real, batch, lr, betas, noise, iters):
    """SPEC's iteration: D on a real and a detached fake batch (two calls), then G on the same fake batch."""
    opt_g = torch.optim.Adam(g.parameters(), lr=lr, betas=betas)
    opt_d = torch.optim.Adam(d.parameters(), lr=lr, betas=betas)
    bce = nn.BCEWithLogitsLoss()
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    batches = real.shape[0] // batch
    times = []
    for i in range(WARMUP + iters):
        t0 = time.perf_counter()
        x = real[(i % batches) * batch:(i % batches + 1) * batch]
        fake = g(noise(batch))
        loss_d = bce(d(x), ones) + bce(d(fake.detach()), zeros)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = bce(d(fake), ones)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        times.append((time.perf_counter() - t0) * 1000)
    return times[WARMUP:]


def report(bench, times):
    print(f"bench={bench} impl=pytorch-eager iters={len(times)} median_ms_per_iter={percentile(times, 50):.3f}"
          f" p10={percentile(times, 10):.3f} p90={percentile(times, 90):.3f}", flush=True)


def b1():
    torch.manual_seed(42)
    g, d = mlp_gan()
    real = torch.rand(8 * 128, 1, 28, 28).view(-1, 784)
    report("B1", train_iterations(g, d, real, 128, 1e-3, (0.9, 0.999),
                                  lambda n: torch.rand(n, 100) * 2 - 1, 200))


def b2():
    torch.manual_seed(42)
    g, d = dcgan28()
    real = torch.rand(8 * 64, 1, 28, 28) * 2 - 1
    report("B2", train_iterations(g, d, real, 64, 2e-4, (0.5, 0.999), lambda n: torch.randn(n, 100), 50))


def b3():
    torch.manual_seed(42)
    g, _ = dcgan28()
    g.eval()
    with torch.inference_mode():
        for i in range(WARMUP // 2 + 5):
            if i == WARMUP // 2:
                t0 = time.perf_counter()
            g(torch.randn(1000, 100))
    print(f"bench=B3 impl=pytorch-eager images_per_s={5 * 1000 / (time.perf_counter() - t0):.1f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmarks", nargs="*", default=["B1", "B2", "B3"])
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (SPEC: 2)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    runs = {"B1": b1, "B2": b2, "B3": b3}
    for name in args.benchmarks:
        runs[name.upper()]()


if __name__ == "__main__":
    main()
