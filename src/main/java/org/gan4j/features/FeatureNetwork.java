package org.gan4j.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.io.AtomicFiles;
import org.gan4j.metrics.Features;
import org.gan4j.nn.Classifier;

/**
 * A trained {@link Classifier} used as a feature extractor: for 28×28 grayscale images in [0, 1]
 * it gives the penultimate activations (n × {@value Classifier#FEATURES}, the features of FID, KID,
 * precision/recall and density/coverage) and the softmax (n × classes, for the Inception Score and
 * class coverage). Always in eval mode (BatchNorm running statistics, no dropout), without autograd;
 * {@link #featuresWithGrad} is the one differentiable path, for a feature-matching loss. The weights
 * are frozen ({@code requires_grad} off): nothing trains a loaded network.
 *
 * <p>Its {@link #digest()} is the SHA-256 of the weights file, so cached real-data statistics can
 * be keyed by exactly the network that computed them.
 */
public final class FeatureNetwork {
    /** Images per forward pass: bounds native memory (about 20 MB of activations). */
    static final int BATCH = 500;

    /** Inception's images per forward pass: about 1.3 GB of activations at 299×299. */
    static final int INCEPTION_BATCH = 32;

    /** One of the two is null: a gan4j classifier, or pytorch-fid's Inception-v3. */
    private final Classifier network;
    private final InceptionV3 inception;
    private final ClassifierCard card;
    private final String digest;

    private FeatureNetwork(Classifier network, InceptionV3 inception, ClassifierCard card, String digest) {
        this.network = network;
        this.inception = inception;
        this.card = card;
        this.digest = digest;
    }

    /**
     * pytorch-fid's Inception-v3 ({@link InceptionV3}) as a feature network named
     * {@value InceptionV3#NAME}: 2048-d pool3 features, softmax of the 1008 unbiased logits as the
     * class probabilities (the Inception Score's), any image size and 1 or 3 channels. Its card
     * records no dataset and no test accuracy (NaN); {@code digest} is the weights file's SHA-256.
     * Only pytorch-fid's weights (digest starting {@value InceptionWeights#SHA256_PREFIX}) are named
     * {@value InceptionV3#NAME}; any others (the cross-check test's random ones) are
     * {@code inception-} and their digest's first 8 digits, so their metrics never pass for FID.
     */
    public static FeatureNetwork inception(InceptionV3 net, String digest) {
        String name = digest.startsWith(InceptionWeights.SHA256_PREFIX) ? InceptionV3.NAME : InceptionV3.NAME + "-" + digest.substring(0, 8);
        ClassifierCard card = new ClassifierCard(name, null, "pytorch-fid FID weights (pt_inception-2015-12-05)", 0, 0,
                null, null, Double.NaN, InceptionV3.FEATURES, InceptionV3.CLASSES,
                "Inception-v3, pytorch-fid's FIDInceptionA/C/E variant (TensorFlow 2015-12-05 graph)", 0, null, null, 0, 0, digest);
        return new FeatureNetwork(null, net, card, digest);
    }

    /** Whether this is Inception-v3, whose metrics carry no suffix ({@code fid}, not {@code fid-NAME}). */
    public boolean isInception() {
        return inception != null;
    }

    /**
     * The name of a metric computed with network {@code network}: {@code base} alone for
     * Inception-v3 ({@code fid}, comparable with pytorch-fid / torch-fidelity), else
     * {@code base + separator + network} ({@code fid-fmnist}, {@code fid_fmnist}).
     */
    public static String metricName(String base, String network, String separator) {
        return InceptionV3.NAME.equals(network) ? base : base + separator + network;
    }

    /** What the network says about a set of images. */
    public record Output(Features features, Features probabilities, int[] predicted) {
    }

    /** Rebuilds a network from the bytes of its weights file and its card. */
    static FeatureNetwork fromBytes(byte[] weights, ClassifierCard card, String source) {
        Engine.ensureLoaded();
        String digest = sha256(weights);
        if (card.weightsSha256() != null && !card.weightsSha256().equals(digest)) {
            throw new BadInputException(source + ": weights digest " + digest + " differs from the "
                    + card.weightsSha256() + " its card records (weights and card do not belong together)");
        }
        Classifier net = new Classifier(card.classes());
        java.util.List<String> expected = shapes(net);
        try (PointerScope scope = new PointerScope()) {
            InputArchive archive = new InputArchive();
            archive.load_from(new BytePointer(weights), weights.length);
            net.load(archive);
        } catch (RuntimeException e) {
            throw new BadInputException(source + ": not a gan4j classifier with " + card.classes() + " classes ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (!shapes(net).equals(expected)) {
            throw new BadInputException(source + ": the weights do not fit gan4j's classifier: " + shapes(net)
                    + " where it has " + expected);
        }
        net.eval();
        TensorVector parameters = net.parameters();
        for (long i = 0; i < parameters.size(); i++) {
            parameters.get(i).requires_grad_(false);
        }
        return new FeatureNetwork(net, null, card, digest);
    }

    /** Loads {@code weights} (a {@code .pt} written by {@link #save}) with its card ({@link #cardFile}). */
    public static FeatureNetwork load(Path weights) {
        Path cardFile = cardFile(weights);
        try {
            ClassifierCard card = ClassifierCard.JSON.readValue(Files.readString(cardFile), ClassifierCard.class);
            return fromBytes(Files.readAllBytes(weights), card, weights.toString());
        } catch (JsonProcessingException e) {
            throw new BadInputException(cardFile + ": unreadable classifier card (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read classifier " + weights + " or its card " + cardFile + " (" + e + ")");
        }
    }

    /**
     * Writes the network's weights to {@code weights} and its card, completed with the weights'
     * digest, to {@link #cardFile}, each atomically. Returns the card as written.
     */
    public static ClassifierCard save(Path weights, Classifier net, ClassifierCard card) {
        byte[] bytes;
        try (PointerScope scope = new PointerScope()) {
            OutputArchive archive = new OutputArchive();
            net.save(archive);
            Path tmp = Files.createTempFile("gan4j-classifier", ".pt");
            try {
                archive.save_to(tmp.toString());
                bytes = Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the classifier: " + e, e);
        }
        ClassifierCard done = card.withWeights(sha256(bytes));
        AtomicFiles.write(weights, bytes);
        try {
            AtomicFiles.write(cardFile(weights), ClassifierCard.JSON
                    .writeValueAsString(done).concat("\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    /** The card beside a weights file: {@code NAME.pt} → {@code NAME.json}. */
    public static Path cardFile(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        return weights.resolveSibling(stem + ".json");
    }

    /**
     * Features, class probabilities and predicted classes of {@code n} images of 1×28×28 values in
     * [0, 1] ({@code n × 784} floats, image after image).
     */
    public synchronized Output apply(float[] images, int n) {
        return apply(images, n, Classifier.INPUT);
    }

    /**
     * Features, class probabilities and predicted classes of {@code n} images of {@code shape}
     * (values in [0, 1], image after image, channel-major within an image). The classifiers take
     * 1×28×28 only; Inception-v3 any size with 1 or 3 channels.
     */
    public synchronized Output apply(float[] images, int n, SampleShape shape) {
        if (inception != null) {
            return applyInception(images, n, shape);
        }
        if (!shape.equals(Classifier.INPUT)) {
            throw new BadInputException("feature network '" + name() + "' takes " + Classifier.INPUT + " images, not " + shape
                    + " (use --features inception for other sizes and colour)");
        }
        int size = Classifier.INPUT.features();
        if (n < 1 || images.length != (long) n * size) {
            throw new IllegalArgumentException(n + " images of " + Classifier.INPUT + " need " + (long) n * size
                    + " values, got " + images.length);
        }
        int d = Classifier.FEATURES;
        int c = card.classes();
        float[] features = new float[n * d];
        float[] probabilities = new float[n * c];
        float[] chunk = new float[Math.min(n, BATCH) * size];
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int start = 0; start < n; start += BATCH) {
                int m = Math.min(BATCH, n - start);
                float[] in = m * size == chunk.length ? chunk : new float[m * size];
                System.arraycopy(images, start * size, in, 0, m * size);
                try (PointerScope scope = new PointerScope()) {
                    Tensor f = network.features(Tensors.fromFloats(in, m, 1, 28, 28)); // m×128
                    Tensor p = Classifier.probabilities(network.logits(f));            // m×classes
                    System.arraycopy(Tensors.toFloats(f), 0, features, start * d, m * d);
                    System.arraycopy(Tensors.toFloats(p), 0, probabilities, start * c, m * c);
                }
            }
        }
        return new Output(Features.ofFloats(features, n, d), Features.ofFloats(probabilities, n, c), argmax(probabilities, n, c));
    }

    private Output applyInception(float[] images, int n, SampleShape shape) {
        int size = shape.features();
        if (!shape.image() || (shape.channels() != 1 && shape.channels() != 3) || n < 1 || images.length != (long) n * size) {
            throw new IllegalArgumentException(n + " images of " + shape + " (1 or 3 channels) need " + (long) n * size
                    + " values, got " + images.length);
        }
        int d = InceptionV3.FEATURES;
        int c = InceptionV3.CLASSES;
        float[] features = new float[n * d];
        float[] probabilities = new float[n * c];
        for (int start = 0; start < n; start += INCEPTION_BATCH) {
            int m = Math.min(INCEPTION_BATCH, n - start);
            float[] in = java.util.Arrays.copyOfRange(images, start * size, (start + m) * size);
            try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
                InceptionV3.Output out = inception.apply(Tensors.fromFloats(in, m, shape.channels(), shape.height(), shape.width()));
                System.arraycopy(out.features(), 0, features, start * d, m * d);
                Tensor p = org.bytedeco.pytorch.global.torch.softmax(Tensors.fromFloats(out.unbiasedLogits(), m, c).to(
                        org.bytedeco.pytorch.global.torch.ScalarType.Double), 1);
                float[] pf = Tensors.toFloats(p.to(org.bytedeco.pytorch.global.torch.ScalarType.Float));
                System.arraycopy(pf, 0, probabilities, start * c, m * c);
            }
        }
        return new Output(Features.ofFloats(features, n, d), Features.ofFloats(probabilities, n, c), argmax(probabilities, n, c));
    }

    private static int[] argmax(float[] probabilities, int n, int c) {
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (probabilities[i * c + k] > probabilities[i * c + best]) {
                    best = k;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /**
     * Penultimate activations (B × {@value Classifier#FEATURES}) of B × 1 × 28 × 28 images in [0, 1], as a
     * differentiable function of the images: a content loss (SRGAN's, with these features in place of
     * VGG's) backpropagates through it to the network that made them. Eval mode, frozen weights, autograd
     * as the caller has it. The network lives on the CPU: a batch on another device is copied there and
     * its features back, both copies differentiable. An eval-mode pass changes no state, so this may run
     * beside {@link #apply}.
     *
     * @throws BadInputException when the images are not B × 1 × 28 × 28
     */
    public Tensor featuresWithGrad(Tensor images) {
        if (inception != null) {
            throw new BadInputException("the content loss takes a gan4j classifier's features, not Inception-v3's");
        }
        long[] shape = images.sizes().vec().get();
        if (shape.length != 4) {
            throw new BadInputException("the feature classifiers take B × " + Classifier.INPUT + " batches, got "
                    + java.util.Arrays.toString(shape));
        }
        Classifier.checkInput(SampleShape.image((int) shape[1], (int) shape[2], (int) shape[3]));
        if (images.device().is_cuda()) {
            return network.features(images.cpu()).to(images.device(), images.scalar_type());
        }
        return network.features(images);
    }

    /** The short name of metrics computed with it, e.g. {@code fmnist} ({@code fid-fmnist}). */
    public String name() {
        return card.name();
    }

    /** SHA-256 of the weights. */
    public String digest() {
        return digest;
    }

    public ClassifierCard card() {
        return card;
    }

    /** The network itself (eval mode); null for Inception-v3. */
    public Classifier network() {
        return network;
    }

    /** "name[d0, d1, ...]" of every parameter and buffer: libtorch's load adopts whatever shapes a file holds. */
    private static java.util.List<String> shapes(Classifier net) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var dict : java.util.List.of(net.named_parameters(), net.named_buffers())) {
            for (long i = 0; i < dict.size(); i++) {
                out.add(dict.get(i).key().getString() + java.util.Arrays.toString(dict.get(i).access().sizes().vec().get()));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
