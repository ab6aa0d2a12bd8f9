package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.ComputeDevice;

/**
 * The constant "real" and "fake" targets of the binary cross-entropy losses, B × 1, allocated once
 * per run rather than once per step. Created outside any per-step memory scope and kept for the run.
 */
public final class Targets implements AutoCloseable {
    private final Tensor real;
    private final Tensor fake;

    /**
     * @param batch      batch size
     * @param realTarget the real label (1, or e.g. 0.9 with one-sided label smoothing)
     */
    public Targets(long batch, double realTarget, ComputeDevice device) {
        Tensor r = torch.full(new long[] {batch, 1}, new org.bytedeco.pytorch.Scalar(realTarget));
        Tensor f = torch.zeros(batch, 1);
        if (device.isCuda()) {
            r = r.to(device.torchDevice(), torch.ScalarType.Float);
            f = f.to(device.torchDevice(), torch.ScalarType.Float);
        }
        this.real = r;
        this.fake = f;
        real.retainReference();
        fake.retainReference();
    }

    /** Target for real samples, B × 1. */
    public Tensor real() {
        return real;
    }

    /** Target for fake samples (zeros), B × 1. */
    public Tensor fake() {
        return fake;
    }

    @Override
    public void close() {
        real.releaseReference();
        fake.releaseReference();
    }
}
