package org.gan4j.bench;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.config.TrainConfig;

/**
 * The yardstick for B1 and B2: the SPEC's iteration written as the shortest loop over libtorch calls,
 * with the same networks, optimiser and batch as the benchmark's config, but none of the trainer (no
 * data loader, per-step seeding, logged statistics, NaN check or metrics row). The gap between its line
 * ({@code impl=}{@value #IMPL}) and gan4j's is what the production path costs per iteration; what is left
 * of the bare loop's time is libtorch and the hardware.
 */
final class BareLoop {
    static final String IMPL = "bare-loop";
    /** Distinct real batches cycled through, drawn once before timing. */
    private static final int REAL_BATCHES = 8;

    private BareLoop() {
    }

    /** Runs {@code warmup + iters} bare iterations of {@code config} on images of {@code shape}; returns their stamps and FLOPs. */
    static Benchmark.Timed run(TrainConfig config, SampleShape shape, int warmup, int iters) {
        var architecture = Architectures.get(config.networks().model());
        Engine.init(config.run().threads(), architecture.parallelism());
        ComputeDevice device = Engine.device(config.run().device());
        Engine.seed(config.run().seed());
        NetworkSpec spec = new NetworkSpec(shape, config.networks().latentDim(), config.networks().width());
        Generator g = architecture.generator(spec);
        Discriminator d = architecture.discriminator(spec);
        if (device.isCuda()) {
            g.to(device.torchDevice(), false);
            d.to(device.torchDevice(), false);
        }
        ParameterOptimizer optG = Optimizers.create(config.optimiser().optimizer(), g.parameters(), config.optimiser().lrG(), config.optimiser().beta1(), config.optimiser().beta2());
        ParameterOptimizer optD = Optimizers.create(config.optimiser().optimizer(), d.parameters(), config.optimiser().lrD(), config.optimiser().beta1(), config.optimiser().beta2());
        int batch = config.optimiser().batch();
        LatentNoise noise = config.networks().latentNoise();
        boolean symmetric = g.outputRange().low() < 0;
        StepTimer timer = new StepTimer(warmup + iters);
        double flops = FlopCounter.iterationFlops(FlopCounter.forwardMacs(g), FlopCounter.forwardMacs(d, g), batch, 1);
        try (PointerScope run = new PointerScope()) {
            // Real data as the SPEC fixes it: uniform [0, 1] (B1) or [−1, 1] (B2), REAL_BATCHES·B × C×H×W.
            Tensor real = torch.rand(REAL_BATCHES * (long) batch, shape.channels(), shape.height(), shape.width());
            if (symmetric) {
                real = real.mul(new Scalar(2.0)).sub(new Scalar(1.0));
            }
            Tensor ones = torch.ones(batch, 1);
            Tensor zeros = torch.zeros(batch, 1);
            if (device.isCuda()) {
                real = real.to(device.torchDevice(), torch.ScalarType.Float);
                ones = ones.to(device.torchDevice(), torch.ScalarType.Float);
                zeros = zeros.to(device.torchDevice(), torch.ScalarType.Float);
            }
            timer.onStart(null, 0, warmup + iters);
            for (int i = 0; i < warmup + iters; i++) {
                try (PointerScope step = new PointerScope()) {
                    Tensor x = real.narrow(0, (long) (i % REAL_BATCHES) * batch, batch);
                    Tensor fake = g.forward(noise.sample(batch, g.latentDim(), device));   // B×1×28×28
                    // D step: real and fake in two calls, L_D = BCE(D(x), 1) + BCE(D(G(z)), 0)
                    Tensor lossD = torch.binary_cross_entropy_with_logits(d.forward(x), ones)
                            .add(torch.binary_cross_entropy_with_logits(d.forward(fake.detach()), zeros));
                    optD.zeroGrad();
                    lossD.backward();
                    optD.step();
                    // G step on the same fake batch: non-saturating, L_G = BCE(D(G(z)), 1)
                    Tensor lossG = torch.binary_cross_entropy_with_logits(d.forward(fake), ones);
                    optG.zeroGrad();
                    lossG.backward();
                    optG.step();
                    if (device.isCuda()) {
                        lossG.item_double();   // waits for the device
                    }
                }
                timer.stamp();
            }
        }
        return new Benchmark.Timed(timer, flops, batch);
    }
}
