/**
 * Generator and discriminator networks, registered by family in {@link org.gan4j.nn.Architectures}:
 * {@code mlp} (the vanilla GAN) and {@code dcgan}. Each family builds a pair for a data shape and
 * declares its paper's hyper-parameters. {@link org.gan4j.nn.CoGan} builds the coupled pairs of CoGAN
 * (Liu &amp; Tuzel 2016) for both families: {@link org.gan4j.nn.CoupledGenerators} sharing all layers
 * but the last, {@link org.gan4j.nn.CoupledDiscriminators} sharing all but the first.
 */
package org.gan4j.nn;
