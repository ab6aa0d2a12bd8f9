/**
 * Sample-quality metrics for generators, computed from feature matrices: one row per sample, the
 * features of real and of generated samples from some feature network ({@link
 * org.gan4j.metrics.Features}).
 *
 * <ul>
 *   <li>{@link org.gan4j.metrics.FrechetDistance} — Fréchet distance between Gaussian fits (FID's
 *       formula), with {@link org.gan4j.metrics.FeatureStatistics} to cache the real side;</li>
 *   <li>{@link org.gan4j.metrics.KernelDistance} — unbiased polynomial-kernel MMD² over subsets (KID's
 *       formula);</li>
 *   <li>{@link org.gan4j.metrics.InceptionScore} — from class probabilities;</li>
 *   <li>{@link org.gan4j.metrics.PrecisionRecall} and {@link org.gan4j.metrics.DensityCoverage} —
 *       k-nearest-neighbour manifold estimates of fidelity and diversity;</li>
 *   <li>{@link org.gan4j.metrics.ClassCoverage} — which classes a generator produces, from a
 *       classifier's predictions;</li>
 *   <li>{@link org.gan4j.metrics.ModeCoverage} — modes captured, high-quality share and KL to uniform
 *       of points of a toy mixture (VEEGAN, PacGAN), scored on the points themselves (the benchmark
 *       that trains for them is {@code org.gan4j.experiments.ToyBenchmark});</li>
 *   <li>{@link org.gan4j.metrics.PairAgreement} — how closely a CoGAN's coupled pair (G₀(z), G₁(z))
 *       follows the domain transform, on pixels rather than features;</li>
 *   <li>{@link org.gan4j.metrics.ImageQuality} — PSNR and SSIM of super-resolved images against
 *       their originals (full-reference, on pixels rather than features).</li>
 * </ul>
 *
 * <p><b>Which features.</b> The formulas are those of the cited papers, but gan4j computes them on
 * its own small feature networks trained on the data set at hand (named for what they are, e.g.
 * {@code fid-fmnist}), not on Inception-v3's pool features. The numbers are therefore not FID, KID
 * or IS as published for ImageNet-scale models and must not be compared with them; they are
 * comparable only between runs measured with the same feature network, the same real data and the
 * same sample counts (FD and IS are biased by the sample count; KD is not).
 *
 * <p><b>Conventions.</b> Linear algebra runs in libtorch in double precision, on CPU tensors made
 * and freed inside a {@link org.bytedeco.javacpp.PointerScope}; each entry point calls
 * {@link org.gan4j.engine.Engine#ensureLoaded()}. Results are small immutable records; repeated
 * estimates are reported as {@link org.gan4j.metrics.MeanStd} (population standard deviation). All
 * metrics except the Inception Score's split into contiguous parts are independent of the order of
 * the rows; KD's random subsets are drawn from a seeded {@link java.util.SplittableRandom}.
 */
package org.gan4j.metrics;
