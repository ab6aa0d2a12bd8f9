/**
 * Feature networks: the small convolutional classifiers ({@link org.gan4j.nn.Classifier}) whose
 * penultimate activations and class probabilities the metrics of {@code org.gan4j.metrics} use
 * by default (Inception-v3 is a poor judge of 28×28 grayscale images), as TF-GAN's MNIST score and
 * the PacGAN experiments do; and pytorch-fid's Inception-v3 ({@link org.gan4j.features.InceptionV3},
 * weights never shipped: {@link org.gan4j.features.InceptionWeights}), whose metrics alone are
 * named {@code fid}, {@code kid}, {@code is} and are comparable with the literature.
 *
 * <ul>
 *   <li>{@link org.gan4j.features.ClassifierTraining} trains one ({@code gan4j train-classifier});</li>
 *   <li>{@link org.gan4j.features.FeatureNetwork} is a trained one, loaded, with its
 *       {@link org.gan4j.features.ClassifierCard} (command, seed, data digests, test accuracy);</li>
 *   <li>{@link org.gan4j.features.FeatureNetworks} holds the shipped ones ({@code fmnist},
 *       {@code mnist}), resources of the jar, and how each is trained;</li>
 *   <li>{@link org.gan4j.features.TorchStateDict} reads a state dict written by Python's
 *       {@code torch.save} (zip or legacy format) without Python.</li>
 * </ul>
 *
 * Metrics computed with them are named for them ({@code fid-fmnist}) and are comparable only with
 * numbers computed with the same network.
 */
package org.gan4j.features;
