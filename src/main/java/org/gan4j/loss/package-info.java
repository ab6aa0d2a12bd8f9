/**
 * Adversarial losses as discriminator/generator pairs, registered by name in
 * {@link org.gan4j.loss.Losses}: {@code ns} (non-saturating, the default) and {@code minimax}
 * (the original value function).
 */
package org.gan4j.loss;
