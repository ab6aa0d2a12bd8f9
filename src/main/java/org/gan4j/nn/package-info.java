/**
 * Generator and discriminator networks, registered by family in {@link org.gan4j.nn.Architectures}:
 * {@code mlp} (the vanilla GAN) and {@code dcgan}. Each family builds a pair for a data shape and
 * declares its paper's hyper-parameters.
 */
package org.gan4j.nn;
