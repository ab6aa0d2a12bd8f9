package org.gan4j.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;

/**
 * Two unpaired image domains made from one dataset, as CoGAN's experiments make them (Liu &amp; Tuzel
 * 2016, §5: half of MNIST's training images as digits, the other half turned into their edge maps or
 * negatives, so that no image of one domain has its counterpart in the other).
 *
 * <ul>
 *   <li><b>The split.</b> The source's indices are shuffled by {@link BatchLoader}'s Fisher–Yates
 *       permutation (SplitMix64, independent of the JDK) for ({@code seed}, epoch {@value #SPLIT_EPOCH}),
 *       an epoch no loader reaches, so the split does not repeat the order any loader of the same seed
 *       reads. The first ⌊n/2⌋ shuffled indices are domain A, the other ⌈n/2⌉ domain B; each half is
 *       then sorted, so the two are disjoint and together cover the source.</li>
 *   <li><b>Domain A</b> reads the source's images unchanged.</li>
 *   <li><b>Domain B</b> holds T(x) of its images: computed once here in chunks, T applied on [−1, 1] as
 *       {@link DomainTransform} defines it and mapped back to [0, 1], then kept as floats on the Java heap
 *       (4 bytes a value: 94 MB for MNIST's 30,000 images of domain B), so batches need no native call
 *       per sample.</li>
 * </ul>
 * Both domains are {@link Dataset}s in [0, 1] like every image dataset: a {@link BatchLoader} reads each,
 * and the trainer rescales them to the generators' range as for any dataset. Labels, when the source has
 * them, are the source's; each digest covers the source's digest, the domain, the transform and the split.
 */
public final class CoupledDomains {
    /** The epoch of {@link BatchLoader#permutation} that gives the split; no loader reaches it. */
    public static final long SPLIT_EPOCH = -1;
    /** Images transformed per native call while building domain B. */
    private static final int CHUNK = 1024;

    private final Dataset source;
    private final DomainTransform transform;
    private final long seed;
    private final int[] indicesA;
    private final int[] indicesB;
    private final Dataset domainA;
    private final Dataset domainB;

    private CoupledDomains(Dataset source, DomainTransform transform, long seed) {
        this.source = source;
        this.transform = transform;
        this.seed = seed;
        int n = source.size();
        int[] order = BatchLoader.permutation(n, seed, SPLIT_EPOCH);
        this.indicesA = Arrays.copyOfRange(order, 0, n / 2);
        this.indicesB = Arrays.copyOfRange(order, n / 2, n);
        Arrays.sort(indicesA);
        Arrays.sort(indicesB);
        this.domainA = new Half(this, "A", indicesA, null);
        this.domainB = new Half(this, "B-" + transform.name(), indicesB, transformed(source, transform, indicesB));
    }

    /**
     * Splits {@code source} into domain A and domain B = T(the other half).
     *
     * @param source    an image dataset of at least 2 images, of a shape {@code transform} accepts
     * @param transform T, e.g. {@code DomainTransform.named("edges")}
     * @param seed      seed of the split
     * @throws BadInputException for points, a single image, or images T refuses (RGB for edges)
     */
    public static CoupledDomains split(Dataset source, DomainTransform transform, long seed) {
        Objects.requireNonNull(transform, "transform");
        SampleShape s = source.shape();
        if (!s.image()) {
            throw new BadInputException("coupled domains need images; " + source.name() + " holds " + s + " points");
        }
        if (source.size() < 2) {
            throw new BadInputException("coupled domains need at least 2 images; " + source.name() + " has " + source.size());
        }
        transform.check(s.channels(), s.height(), s.width());
        Engine.ensureLoaded();
        return new CoupledDomains(source, transform, seed);
    }

    /** T of the source images at {@code indices}, in [0, 1], one image after the other. */
    private static float[] transformed(Dataset source, DomainTransform transform, int[] indices) {
        SampleShape s = source.shape();
        int features = s.features();
        if ((long) indices.length * features > Integer.MAX_VALUE - 8) {
            throw new BadInputException("domain B of " + source.name() + " (" + indices.length + " images of " + s
                    + ") is too large to hold in memory");
        }
        float[] out = new float[indices.length * features];
        for (int start = 0; start < indices.length; start += CHUNK) {
            int m = Math.min(CHUNK, indices.length - start);
            float[] chunk = new float[m * features];
            for (int j = 0; j < m; j++) {
                source.copyTo(indices[start + j], chunk, j * features);
            }
            try (PointerScope scope = new PointerScope()) {
                Tensor x = Tensors.fromFloats(chunk, m, s.channels(), s.height(), s.width())
                        .mul(new Scalar(2.0)).sub(new Scalar(1.0));                    // [0, 1] → [−1, 1]
                Tensor y = transform.apply(x).add(new Scalar(1.0)).mul(new Scalar(0.5)); // back to [0, 1]
                System.arraycopy(Tensors.toFloats(y), 0, out, start * features, m * features);
            }
        }
        return out;
    }

    /** The dataset both domains come from. */
    public Dataset source() {
        return source;
    }

    /** T, which made domain B. */
    public DomainTransform transform() {
        return transform;
    }

    /** The seed of the split. */
    public long seed() {
        return seed;
    }

    /** Domain A: the source's images at {@link #indicesA()}, unchanged. */
    public Dataset domainA() {
        return domainA;
    }

    /** Domain B: T of the source's images at {@link #indicesB()}. */
    public Dataset domainB() {
        return domainB;
    }

    /** The source indices of domain A's samples, ascending (a copy): sample i of A is source sample indicesA()[i]. */
    public int[] indicesA() {
        return indicesA.clone();
    }

    /** The source indices of domain B's samples, ascending (a copy), disjoint from {@link #indicesA()}. */
    public int[] indicesB() {
        return indicesB.clone();
    }

    @Override
    public String toString() {
        return source.name() + " split into " + domainA.size() + " images (A) and " + domainB.size() + " " + transform.name()
                + " images (B), seed " + seed;
    }

    /**
     * Both domains as one dataset for a trainer's single batch stream: item i is A's i-th image and B's
     * i-th image stacked along channels (2C × H × W), for i below the smaller half's size. A and B are
     * disjoint halves, so an item pairs two different images: the stream stays unpaired, and one data
     * order (hence one position in a checkpoint) serves both domains. Unlabelled.
     */
    public Dataset stacked() {
        return new Stacked(this);
    }

    private static final class Stacked extends AbstractDataset {
        private final CoupledDomains owner;

        Stacked(CoupledDomains owner) {
            super(owner.source.name() + "/A+B-" + owner.transform.name(), stackedShape(owner.source.shape()),
                    Math.min(owner.domainA.size(), owner.domainB.size()), null, 0);
            this.owner = owner;
        }

        private static SampleShape stackedShape(SampleShape s) {
            return SampleShape.image(2 * s.channels(), s.height(), s.width());
        }

        @Override
        public void copyTo(int index, float[] dst, int offset) {
            Objects.checkIndex(index, size());
            owner.domainA.copyTo(index, dst, offset);
            owner.domainB.copyTo(index, dst, offset + owner.source.shape().features());
        }

        @Override
        protected void digestContent(MessageDigest sha) {
            sha.update(owner.domainA.digest().getBytes(StandardCharsets.UTF_8));
            sha.update(owner.domainB.digest().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One domain: the source's samples at {@code indices}, read through or (domain B) transformed ahead. */
    private static final class Half extends AbstractDataset {
        private final CoupledDomains owner;
        private final String domain;
        private final int[] indices;
        /** The transformed images in [0, 1], or null to read the source's. */
        private final float[] values;

        Half(CoupledDomains owner, String domain, int[] indices, float[] values) {
            super(owner.source.name() + "/" + domain, owner.source.shape(), indices.length,
                    labels(owner.source, indices), owner.source.numClasses());
            this.owner = owner;
            this.domain = domain;
            this.indices = indices;
            this.values = values;
        }

        private static int[] labels(Dataset source, int[] indices) {
            if (source.numClasses() == 0) {
                return null;
            }
            int[] out = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                out[i] = source.label(indices[i]);
            }
            return out;
        }

        @Override
        public void copyTo(int index, float[] dst, int offset) {
            Objects.checkIndex(index, size());
            if (values == null) {
                owner.source.copyTo(indices[index], dst, offset);
            } else {
                int n = shape().features();
                System.arraycopy(values, index * n, dst, offset, n);
            }
        }

        /** The source's digest, the domain (with T's name), the seed and the indices. */
        @Override
        protected void digestContent(MessageDigest sha) {
            sha.update(owner.source.digest().getBytes(StandardCharsets.UTF_8));
            sha.update(("/" + domain + "/" + owner.seed).getBytes(StandardCharsets.UTF_8));
            updateInts(sha, indices);
        }
    }
}
