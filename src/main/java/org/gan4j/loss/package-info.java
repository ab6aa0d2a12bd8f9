/**
 * Adversarial losses as discriminator/generator pairs, registered by name in
 * {@link org.gan4j.loss.Losses}: {@code ns} (non-saturating, the default), {@code minimax} (the
 * original value function), {@code lsgan} (least squares), {@code hinge}, {@code wgan} (weight
 * clipping) and {@code wgan-gp} (gradient penalty); and {@link org.gan4j.loss.GradientPenalties},
 * the input-gradient penalties (WGAN-GP's, and R1 for any loss). For super-resolution,
 * {@link org.gan4j.loss.ContentLoss} is the content term ({@code pixel} or {@code features}).
 */
package org.gan4j.loss;
