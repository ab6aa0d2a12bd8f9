#!/usr/bin/env python3
"""Reference outputs for gan4j's InceptionV3CrossCheckTest.

Builds pytorch-fid's FID variant of Inception-v3 on torchvision's Inception3 (1008 classes, no
auxiliary head, batch norm eps 0.001): the Mixed_5b-d, 6b-e and 7b blocks pool with an average that
excludes padding, Mixed_7c max-pools. Its weights are seeded random numbers (never the real ones),
with batch-norm running statistics taken from a calibration batch so activations keep a sensible
scale through the 94 layers. Writes into OUT:

  weights.pth          the state dict, torch.save's zip format
  weights-legacy.pth   the same, torch.save's legacy format (_use_new_zipfile_serialization=False)
  images-a.u8, images-b.u8   two sets of N_A, N_B RGB 32x32 images, uint8, N x 3 x 32 x 32
  gray.u8              N_G grayscale 28x28 images, uint8 (pytorch-fid sees them as RGB by replication)
  {a,b,gray}.features.f32 / .unbiased.f32 / .logits.f32   pool3 (N x 2048), fc without bias and
                       with bias (N x 1008), float32 little-endian
  reference.json       sizes, and FID / KID / IS of set b against set a computed here in NumPy

Usage: python3 inception_reference.py OUT
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.models import inception as tv

N_A, N_B, N_G = 3, 3, 1
IS_SPLITS = 1


class PadFreeAvgA(tv.InceptionA):
    def forward(self, x):
        pool = self.branch_pool(F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False))
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        return torch.cat([self.branch1x1(x), b5, b3, pool], 1)


class PadFreeAvgC(tv.InceptionC):
    def forward(self, x):
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d = x
        for conv in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4, self.branch7x7dbl_5):
            d = conv(d)
        pool = self.branch_pool(F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False))
        return torch.cat([self.branch1x1(x), b7, d, pool], 1)


class BlockE(tv.InceptionE):
    def __init__(self, in_channels, max_pool):
        super().__init__(in_channels)
        self.max_pool = max_pool

    def forward(self, x):
        s = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(s), self.branch3x3_2b(s)], 1)
        d = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        bd = torch.cat([self.branch3x3dbl_3a(d), self.branch3x3dbl_3b(d)], 1)
        if self.max_pool:
            pooled = F.max_pool2d(x, 3, stride=1, padding=1)
        else:
            pooled = F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([self.branch1x1(x), b3, bd, self.branch_pool(pooled)], 1)


def build():
    net = tv.Inception3(num_classes=1008, aux_logits=False, init_weights=True)
    net.Mixed_5b = PadFreeAvgA(192, pool_features=32)
    net.Mixed_5c = PadFreeAvgA(256, pool_features=64)
    net.Mixed_5d = PadFreeAvgA(288, pool_features=64)
    net.Mixed_6b = PadFreeAvgC(768, channels_7x7=128)
    net.Mixed_6c = PadFreeAvgC(768, channels_7x7=160)
    net.Mixed_6d = PadFreeAvgC(768, channels_7x7=160)
    net.Mixed_6e = PadFreeAvgC(768, channels_7x7=192)
    net.Mixed_7b = BlockE(1280, max_pool=False)
    net.Mixed_7c = BlockE(2048, max_pool=True)
    for m in net.modules():
        if isinstance(m, torch.nn.Conv2d):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
        if isinstance(m, torch.nn.BatchNorm2d):
            assert abs(m.eps - 0.001) < 1e-12
            m.momentum = None  # running statistics = the calibration batch's
    torch.nn.init.normal_(net.fc.weight, std=0.1)
    torch.nn.init.normal_(net.fc.bias, std=0.5)
    return net


def pool3(net, images):
    x = F.interpolate(images, size=(299, 299), mode="bilinear", align_corners=False)
    x = 2 * x - 1
    for name in ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
                 "maxpool2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d",
                 "Mixed_6e", "Mixed_7a", "Mixed_7b", "Mixed_7c", "avgpool"]:
        x = getattr(net, name)(x)
    return torch.flatten(x, 1)


def outputs(net, u8):
    x = torch.from_numpy(u8.astype(np.float32) / 255.0)
    if x.shape[1] == 1:
        x = x.repeat(1, 3, 1, 1)  # PIL's convert('RGB') of a grayscale image
    with torch.no_grad():
        f = pool3(net, x)
        unbiased = f @ net.fc.weight.t()
        logits = net.fc(f)
    return f.double().numpy(), unbiased.double().numpy(), logits.double().numpy()


def frechet(a, b):
    """pytorch-fid's formula, Tr sqrtm(S1 S2) as the sum of the square roots of S1 S2's eigenvalues."""
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    eig = np.linalg.eigvals(s1 @ s2)
    tr_covmean = np.sqrt(eig.astype(np.complex128)).real.sum()
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)


def kid(a, b):
    """torch-fidelity's unbiased MMD^2 with k(x, y) = (x.y / d + 1)^3, one subset = both whole sets of m rows."""
    m = min(len(a), len(b))
    a, b = a[:m], b[:m]
    d = a.shape[1]
    kxx = (a @ a.T / d + 1) ** 3
    kyy = (b @ b.T / d + 1) ** 3
    kxy = (a @ b.T / d + 1) ** 3
    return float((kxx.sum() - np.trace(kxx) + kyy.sum() - np.trace(kyy)) / (m * (m - 1)) - 2 * kxy.sum() / (m * m))


def inception_score(logits, splits):
    z = logits - logits.max(1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    scores = []
    n = len(p)
    for s in range(splits):
        part = p[s * n // splits:(s + 1) * n // splits]
        py = part.mean(0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(part > 0, part * (np.log(part) - np.log(py)), 0.0)  # 0 log 0 = 0
        kl = terms.sum(1).mean()
        scores.append(np.exp(kl))
    return float(np.mean(scores)), float(np.std(scores))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20151205)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    net = build()
    rng = np.random.default_rng(6726825)
    # Smooth colour images (gradients plus noise) so the sets differ in a way the features see.
    yy, xx = np.mgrid[0:32, 0:32] / 31.0
    def colour_set(n, tilt):
        imgs = np.empty((n, 3, 32, 32))
        for i in range(n):
            for c in range(3):
                imgs[i, c] = 0.5 + 0.4 * np.sin(3 * (c + 1) * xx * tilt + i) * np.cos(2 * yy * (i + 1)) \
                             + 0.1 * rng.standard_normal((32, 32))
        return np.clip(np.round(imgs * 255), 0, 255).astype(np.uint8)
    sets = {"a": colour_set(N_A, 1.0), "b": colour_set(N_B, 1.7),
            "gray": rng.integers(0, 256, size=(N_G, 1, 28, 28), dtype=np.uint8)}
    # Random affine batch-norm parameters (no layer is the identity), then running statistics from the
    # colour images themselves, which keep every layer's activations near unit scale.
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.uniform_(0.6, 1.4)
                m.bias.normal_(0.0, 0.2)
    net.train()
    with torch.no_grad():
        pool3(net, torch.from_numpy(np.concatenate([sets["a"], sets["b"]]).astype(np.float32) / 255.0))
    net.eval()
    # Six images leave some channels almost constant; 1/sqrt(var + 0.001) would then amplify float32
    # round-off up to 30 times per layer. A variance floor keeps the random network well conditioned.
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_var.add_(0.1)
    state = net.state_dict()
    torch.save(state, os.path.join(out, "weights.pth"))
    torch.save(state, os.path.join(out, "weights-legacy.pth"), _use_new_zipfile_serialization=False)
    results = {}
    for name, u8 in sets.items():
        u8.tofile(os.path.join(out, ("images-" + name if name != "gray" else name) + ".u8"))
        f, unbiased, logits = outputs(net, u8)
        results[name] = (f, unbiased, logits)
        f.astype("<f4").tofile(os.path.join(out, name + ".features.f32"))
        unbiased.astype("<f4").tofile(os.path.join(out, name + ".unbiased.f32"))
        logits.astype("<f4").tofile(os.path.join(out, name + ".logits.f32"))
    fa, fb = results["a"][0], results["b"][0]
    is_mean, is_std = inception_score(results["b"][1], IS_SPLITS)
    ref = {"n": {"a": N_A, "b": N_B, "gray": N_G}, "is-splits": IS_SPLITS, "fid": frechet(fa, fb), "kid": kid(fa, fb),
           "is-mean": is_mean, "is-std": is_std, "torch": torch.__version__,
           "feature-scale": float(np.abs(fa).mean())}
    with open(os.path.join(out, "reference.json"), "w") as fh:
        json.dump(ref, fh, indent=1)
    print(json.dumps(ref))


if __name__ == "__main__":
    main()
