package org.gan4j.nn;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.GroupNormImpl;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.UnflattenImpl;

/**
 * Layer factories with the JavaCPP option traps handled: kernel, stride and padding are set as
 * whole arrays ({@code put(long[])}), never with {@code put(index, value)}.
 */
final class Layers {
    private Layers() {
    }

    static LinearImpl linear(long in, long out) {
        return new LinearImpl(in, out);
    }

    /** Square convolution with the given kernel, stride and padding. */
    static Conv2dImpl conv(long in, long out, long kernel, long stride, long padding, boolean bias) {
        Conv2dOptions o = new Conv2dOptions(in, out, new LongPointer(kernel, kernel));
        o.stride().put(new long[] {stride, stride});
        o.padding().put(new LongPointer(padding, padding));
        o.bias().put(bias);
        return new Conv2dImpl(o);
    }

    /** Square transposed convolution: output side = (in - 1)·stride − 2·padding + kernel. */
    static ConvTranspose2dImpl deconv(long in, long out, long kernel, long stride, long padding, boolean bias) {
        ConvTranspose2dOptions o = new ConvTranspose2dOptions(in, out, new LongPointer(kernel, kernel));
        o.stride().put(new long[] {stride, stride});
        o.padding().put(new long[] {padding, padding});
        o.bias().put(bias);
        return new ConvTranspose2dImpl(o);
    }

    static BatchNorm1dImpl batchNorm1d(long features) {
        return new BatchNorm1dImpl(new BatchNormOptions(features));
    }

    static BatchNorm2dImpl batchNorm2d(long channels) {
        return new BatchNorm2dImpl(new BatchNormOptions(channels));
    }

    /** Layer norm of each sample over C×H×W with a per-channel affine map: GroupNorm with a single group. */
    static GroupNormImpl layerNorm2d(long channels) {
        return new GroupNormImpl(1, channels);
    }

    static LeakyReLUImpl leakyRelu(double slope) {
        LeakyReLUOptions o = new LeakyReLUOptions();
        o.negative_slope().put(slope);
        return new LeakyReLUImpl(o);
    }

    /** Reshapes dimension 1 of a batch into {@code shape}: (B, c·h·w) → (B, c, h, w). */
    static UnflattenImpl unflatten(long... shape) {
        return new UnflattenImpl(1, new LongVector(shape));
    }
}
