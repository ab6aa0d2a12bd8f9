/**
 * Training data: datasets looked up by name ({@code mnist}, {@code fashion-mnist} read from IDX files,
 * {@code cifar10} from the authors' binary batches or their tarball ({@link org.gan4j.data.Cifar10}), {@code folder} for a directory of PNG/JPEG images, and the synthetic Gaussian mixtures {@code ring8},
 * {@code grid25} and {@code gauss1d}), all held in memory behind the {@link org.gan4j.data.Dataset}
 * interface with a content digest for provenance, and a {@link org.gan4j.data.BatchLoader} that shuffles
 * them per epoch reproducibly (so a resumed run sees the same batches) and assembles batches on a
 * background thread ahead of the training step. For CoGAN, {@link org.gan4j.data.CoupledDomains} splits
 * one image dataset into two unpaired domains, the second transformed by a
 * {@link org.gan4j.data.DomainTransform} registered in {@link org.gan4j.data.DomainTransforms}
 * ({@code negative}, {@code edges}, {@code rotate90}). {@link org.gan4j.data.LowResolution} makes the
 * bicubic low-resolution inputs of super-resolution.
 */
package org.gan4j.data;
