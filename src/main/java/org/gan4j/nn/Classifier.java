package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.MaxPool2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.Tensors;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * The small convolutional classifier gan4j trains per image domain and uses as its feature network
 * for FID-style metrics (as TF-GAN's MNIST score and the PacGAN experiments do), since
 * Inception-v3 is neither available offline nor a good judge of 28×28 grayscale images.
 *
 * <pre>
 *   1×28×28 → Conv3 32 → BN → ReLU → MaxPool2 →   32×14×14
 *           → Conv3 32 → BN → ReLU → MaxPool2 →   32×7×7
 *           → Conv3 64 → BN → ReLU → MaxPool2 →   64×3×3 → Flatten 576
 *           → Linear 128 → ReLU                         = features (B×128)
 *           → Dropout 0.5 → Linear classes              = logits
 * </pre>
 *
 * About 103,000 parameters (≈ 0.4 MB as float32), so the trained weights ship inside the jar, and
 * about 3 million multiply-adds per image, so it trains in minutes on a CPU (the 14×14 layer is
 * kept at 32 channels: at 64 it alone cost 3.6 million). Input
 * is an image batch in [0, 1] (B×1×28×28); BatchNorm after the first convolution absorbs the scale.
 */
public final class Classifier extends Module {
    /** Size of the penultimate layer: the feature vector the metrics use. */
    public static final int FEATURES = 128;
    /** The one input shape the network takes. */
    public static final SampleShape INPUT = SampleShape.image(1, 28, 28);

    private final SequentialImpl body;
    private final SequentialImpl head;
    private final int classes;
    /** Java references that keep the layers' native objects alive (see {@link LayerStack}). */
    private final List<Module> keptLayers = new ArrayList<>();

    public Classifier(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
        LayerStack b = new LayerStack();
        long channels = INPUT.channels();
        for (long out : new long[] {32, 32, 64}) {
            b.add(Layers.conv(channels, out, 3, 1, 1, false));
            b.add(Layers.batchNorm2d(out));
            b.add(new ReLUImpl());
            b.add(new MaxPool2dImpl(new LongPointer(2L, 2L))); // side 28 → 14 → 7 → 3 (floor)
            channels = out;
        }
        b.add(new FlattenImpl());
        b.add(Layers.linear(channels * 3 * 3, FEATURES));
        b.add(new ReLUImpl());
        LayerStack h = new LayerStack();
        h.add(new DropoutImpl(0.5));
        h.add(Layers.linear(FEATURES, classes));
        this.body = register_module("body", b.sequential());
        this.head = register_module("head", h.sequential());
        keptLayers.addAll(b.layers());
        keptLayers.addAll(h.layers());
    }

    /** Checks that {@code shape} is what the network takes. */
    public static void checkInput(SampleShape shape) {
        if (!shape.equals(INPUT)) {
            throw new BadInputException("the feature classifiers take " + INPUT + " images in [0, 1], got " + shape);
        }
    }

    public int classes() {
        return classes;
    }

    /** Penultimate activations: B×1×28×28 → B×{@value #FEATURES}. */
    public Tensor features(Tensor images) {
        return body.forward(images);
    }

    /** Class logits from features: B×{@value #FEATURES} → B×classes. */
    public Tensor logits(Tensor features) {
        return head.forward(features);
    }

    /** Class logits of an image batch: B×1×28×28 → B×classes. */
    public Tensor forward(Tensor images) {
        return logits(features(images));
    }

    /** Class probabilities of logits (softmax over dimension 1). */
    public static Tensor probabilities(Tensor logits) {
        return torch.softmax(logits, 1);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return Tensors.elementCount(parameters());
    }
}
