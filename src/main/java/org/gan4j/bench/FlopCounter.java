package org.gan4j.bench;

import java.util.Arrays;
import java.util.Set;
import org.bytedeco.pytorch.Module;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.ForwardWork;
import org.gan4j.nn.Generator;

/**
 * Counts the floating-point work of a GAN iteration analytically from the layer shapes, so a
 * timing can be stated as an achieved rate (GFLOP/s) and compared with the machine's peak.
 *
 * <p>Convention (the usual one of FLOP tables for CNNs):
 * <ul>
 *   <li>Only multiply-accumulates (MACs) of Linear, Conv2d and ConvTranspose2d layers are counted;
 *       biases, BatchNorm, activations, losses and the optimiser are element-wise and left out.
 *       One MAC is 2 FLOPs.</li>
 *   <li>Per sample: Linear(in→out) is in·out MACs; Conv2d is H_out·W_out·C_out·(C_in/groups)·k_h·k_w;
 *       ConvTranspose2d is H_in·W_in·C_in·(C_out/groups)·k_h·k_w (each input pixel scatters a
 *       kernel into every output channel).</li>
 *   <li>A backward pass costs 2× its forward pass (the gradient with respect to the weights and
 *       the gradient with respect to the inputs), even for a first layer whose input gradient is
 *       not needed.</li>
 *   <li>An iteration with k = 1 (SPEC bench v1) holds: D forward on the real and on the fake batch,
 *       D backward through both, G forward once, D forward on the fake batch again and backward
 *       through D and G: 9·D + 3·G forward-pass equivalents per sample. For k discriminator steps
 *       it is k·(G + 6·D) + 3·D + 2·G (the non-final D steps also draw a fake batch).</li>
 * </ul>
 */
public final class FlopCounter {
    /** FLOPs per multiply-accumulate. */
    public static final int FLOPS_PER_MAC = 2;
    /** Backward-pass cost in forward passes (weight and input gradients). */
    public static final int BACKWARD_PER_FORWARD = 2;

    /** Layers that keep the shape of their input and are not counted. */
    private static final Set<String> SHAPE_PRESERVING = Set.of("ReLU", "LeakyReLU", "Tanh", "Sigmoid", "ELU", "GELU",
            "SiLU", "BatchNorm1d", "BatchNorm2d", "InstanceNorm2d", "LayerNorm", "Dropout", "Dropout2d", "Identity");

    private FlopCounter() {
    }

    /** MACs per sample of Linear(in → out). */
    public static long linearMacs(long in, long out) {
        return in * out;
    }

    /** MACs per sample of a Conv2d producing {@code outH × outW} maps. */
    public static long conv2dMacs(long inChannels, long outChannels, long kernelH, long kernelW, long groups,
                                  long outH, long outW) {
        return outH * outW * outChannels * (inChannels / groups) * kernelH * kernelW;
    }

    /** MACs per sample of a ConvTranspose2d reading {@code inH × inW} maps. */
    public static long convTranspose2dMacs(long inChannels, long outChannels, long kernelH, long kernelW, long groups,
                                           long inH, long inW) {
        return inH * inW * inChannels * (outChannels / groups) * kernelH * kernelW;
    }

    /**
     * MACs of one forward pass of {@code network} per sample, walking its (nested) Sequential layers and
     * propagating the per-sample shape from {@code sampleShape} (e.g. {100} for a latent vector, {1, 28, 28}
     * for an image).
     *
     * A network that implements {@link ForwardWork} states its own count instead.
     *
     * @throws IllegalArgumentException for a layer type it does not know
     */
    public static long forwardMacs(Module network, long... sampleShape) {
        if (network instanceof ForwardWork stated) {
            return stated.forwardMacs();
        }
        long[] macs = {0};
        if (type(network).equals("Sequential")) {
            walkChild(network, sampleShape.clone(), macs);
        } else {
            // A network wrapping its layers (gan4j's Network registers one Sequential): walk its children in order.
            long[] shape = sampleShape.clone();
            var children = network.children();
            if (children.size() == 0) {
                throw new IllegalArgumentException("FLOP counter does not know layer " + network.name().getString());
            }
            for (long i = 0; i < children.size(); i++) {
                shape = walkChild(children.get(i), shape, macs);
            }
        }
        return macs[0];
    }

    /** MACs per sample of G's forward pass. */
    public static long forwardMacs(Generator g) {
        return forwardMacs(g, g.latentDim());
    }

    /** MACs per sample of D's forward pass on samples shaped like G's output. */
    public static long forwardMacs(Discriminator d, Generator g) {
        long[] batchShape = g.batchShape(1);
        return forwardMacs(d, Arrays.copyOfRange(batchShape, 1, batchShape.length));
    }

    /**
     * FLOPs of one training iteration (the convention above).
     *
     * @param generatorMacs     G's forward MACs per sample
     * @param discriminatorMacs D's forward MACs per sample
     * @param batch             samples per batch
     * @param dSteps            k, discriminator steps per generator step
     */
    public static double iterationFlops(long generatorMacs, long discriminatorMacs, long batch, int dSteps) {
        double g = generatorMacs;
        double d = discriminatorMacs;
        // Each D step: G forward, D forward on real and fake, D backward through both.
        double dStep = g + 2 * d + BACKWARD_PER_FORWARD * 2 * d;
        // The G step reuses the last fake batch: D forward, backward through D and G.
        double gStep = d + BACKWARD_PER_FORWARD * (d + g);
        return FLOPS_PER_MAC * (dSteps * dStep + gStep) * batch;
    }

    /** FLOPs of generating {@code images} samples (forward only). */
    public static double generationFlops(long generatorMacs, long images) {
        return (double) FLOPS_PER_MAC * generatorMacs * images;
    }

    private static long[] walkChild(Module m, long[] shape, long[] macs) {
        String type = type(m);
        switch (type) {
            case "Sequential": {
                long[] s = shape;
                var children = m.children();
                for (long i = 0; i < children.size(); i++) {
                    s = walkChild(children.get(i), s, macs);
                }
                return s;
            }
            case "Linear": {
                var w = m.asLinear().weight();
                long out = w.size(0);
                long in = w.size(1);
                if (shape[shape.length - 1] != in) {
                    throw new IllegalArgumentException("Linear(" + in + "→" + out + ") applied to shape " + Arrays.toString(shape));
                }
                long rows = product(shape) / in;
                macs[0] += rows * linearMacs(in, out);
                long[] s = shape.clone();
                s[s.length - 1] = out;
                return s;
            }
            case "Conv2d": {
                var c = m.asConv2d();
                var o = c.options();
                var w = c.weight(); // C_out × C_in/groups × k_h × k_w
                long groups = o.groups().get();
                long inChannels = w.size(1) * groups;
                requireImage(shape, inChannels, "Conv2d");
                long outH = convOut(shape[1], w.size(2), o.stride().get(0), o.padding().get0().get(0), o.dilation().get(0));
                long outW = convOut(shape[2], w.size(3), o.stride().get(1), o.padding().get0().get(1), o.dilation().get(1));
                macs[0] += conv2dMacs(inChannels, w.size(0), w.size(2), w.size(3), groups, outH, outW);
                return new long[] {w.size(0), outH, outW};
            }
            case "ConvTranspose2d": {
                var c = m.asConvTranspose2d();
                var o = c.options();
                var w = c.weight(); // C_in × C_out/groups × k_h × k_w
                long groups = o.groups().get();
                long outChannels = w.size(1) * groups;
                requireImage(shape, w.size(0), "ConvTranspose2d");
                long outH = deconvOut(shape[1], w.size(2), o.stride().get(0), o.padding().get0().get(0),
                        o.output_padding().get(0), o.dilation().get(0));
                long outW = deconvOut(shape[2], w.size(3), o.stride().get(1), o.padding().get0().get(1),
                        o.output_padding().get(1), o.dilation().get(1));
                macs[0] += convTranspose2dMacs(w.size(0), outChannels, w.size(2), w.size(3), groups, shape[1], shape[2]);
                return new long[] {outChannels, outH, outW};
            }
            case "Flatten":
                return new long[] {product(shape)};
            case "Unflatten": {
                var o = m.asUnflatten().options();
                long dim = o.dim().get(); // in batch coordinates: 1 is the first per-sample dimension
                long[] sizes = o.sizes().get();
                if (dim != 1 || shape.length != 1 || product(sizes) != shape[0]) {
                    throw new IllegalArgumentException("Unflatten(" + dim + ", " + Arrays.toString(sizes)
                            + ") applied to shape " + Arrays.toString(shape));
                }
                return sizes;
            }
            default:
                if (!SHAPE_PRESERVING.contains(type)) {
                    throw new IllegalArgumentException("FLOP counter does not know layer " + m.name().getString());
                }
                return shape;
        }
    }

    /** {@code torch::nn::Conv2dImpl} → {@code Conv2d}. */
    private static String type(Module m) {
        String n = m.name().getString();
        int colon = n.lastIndexOf(':');
        String t = colon >= 0 ? n.substring(colon + 1) : n;
        return t.endsWith("Impl") ? t.substring(0, t.length() - 4) : t;
    }

    private static void requireImage(long[] shape, long channels, String layer) {
        if (shape.length != 3 || shape[0] != channels) {
            throw new IllegalArgumentException(layer + " with " + channels + " input channels applied to shape "
                    + Arrays.toString(shape));
        }
    }

    private static long convOut(long in, long kernel, long stride, long padding, long dilation) {
        return (in + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
    }

    private static long deconvOut(long in, long kernel, long stride, long padding, long outputPadding, long dilation) {
        return (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}
