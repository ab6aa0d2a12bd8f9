package org.gan4j.loss;

/**
 * Training settings a loss's paper prescribes. The config applies each non-null value to the keys a
 * user left unset, ahead of the model's defaults; null leaves the model's default in place.
 *
 * @param optimizer    {@code adam} or {@code rmsprop}, or null
 * @param learningRate learning rate of both networks, or null
 * @param beta1        Adam β1, or null
 * @param beta2        Adam β2, or null
 * @param dSteps       discriminator (critic) steps per generator step, or null
 * @param discriminatorNorm normalisation between D's hidden layers ({@code batch}, {@code layer}, {@code none}), or null
 */
public record LossDefaults(String optimizer, Double learningRate, Double beta1, Double beta2, Integer dSteps,
                           String discriminatorNorm) {
    /** No preferences: the model's defaults apply. */
    public static final LossDefaults NONE = new LossDefaults(null, null, null, null, null, null);
}
