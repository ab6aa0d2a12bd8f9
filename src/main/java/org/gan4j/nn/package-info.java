/**
 * Generator and discriminator networks, registered by family in {@link org.gan4j.nn.Architectures}:
 * {@code mlp} (the vanilla GAN), {@code dcgan}, {@code infogan}, {@code cogan} and {@code srgan}. Each
 * family builds its networks for a data shape, declares its paper's hyper-parameters and names the game
 * that trains it. {@link org.gan4j.nn.CoGan} builds the coupled pairs of CoGAN (Liu &amp; Tuzel 2016):
 * {@link org.gan4j.nn.CoupledGenerators} sharing all layers but the last,
 * {@link org.gan4j.nn.CoupledDiscriminators} sharing all but the first. For super-resolution (SRGAN,
 * Ledig et al. 2017), {@link org.gan4j.nn.SrResNet} maps low-resolution images to high-resolution ones
 * and {@link org.gan4j.nn.SrDiscriminator} judges them, its logits fitting the same adversarial losses.
 * A generator's input is drawn from its {@link org.gan4j.nn.Prior}; a {@link org.gan4j.nn.Sampler} is a
 * generator with its prior, the one way samples are drawn.
 */
package org.gan4j.nn;
