/**
 * Generator and discriminator networks, registered by family in {@link org.gan4j.nn.Architectures}:
 * {@code mlp} (the vanilla GAN) and {@code dcgan}. Each family builds a pair for a data shape and
 * declares its paper's hyper-parameters. For super-resolution (SRGAN, Ledig et al. 2017),
 * {@link org.gan4j.nn.SrResNet} maps low-resolution images to high-resolution ones and
 * {@link org.gan4j.nn.SrDiscriminator} judges them, its logits fitting the same adversarial losses.
 */
package org.gan4j.nn;
