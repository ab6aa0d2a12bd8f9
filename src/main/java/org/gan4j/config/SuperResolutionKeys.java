package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.loss.ContentLoss;
import org.gan4j.nn.SrResNet;

/**
 * The keys of super-resolution ({@code --model srgan}, Ledig et al. 2017); other models refuse them.
 *
 * @param scale             upscaling factor, 2 or 4 (the paper's ×4); the data's images must be divisible by it
 *                          (28×28 Fashion-MNIST: 14→28 or 7→28). Default 4.
 * @param srBlocks          residual blocks of SRResNet (the paper: 16). Default 4, which trains on a 2-core CPU.
 * @param srPretrainSteps   steps of SRResNet alone on pixel MSE before the adversarial game starts (the paper
 *                          pre-trains SRResNet and initialises SRGAN's G with it); the weights at the end of this
 *                          phase are kept as {@code srresnet} beside SRGAN's generator. Default: half the run's
 *                          steps (set when the run's length is known).
 * @param adversarialWeight weight of the adversarial term in G's perceptual loss: content + w·adversarial. Default
 *                          1e-3, the paper's.
 * @param content           content loss of G: {@code pixel} (MSE) or {@code features} (MSE between the shipped feature
 *                          network's features, named honestly: not the paper's VGG; 28×28 grayscale data only). Default
 *                          {@code features} where the dataset has a feature network, else {@code pixel}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuperResolutionKeys(Integer scale, Integer srBlocks, Long srPretrainSteps, Double adversarialWeight, String content) {
    static final SuperResolutionKeys NONE = new SuperResolutionKeys(null, null, null, null, null);

    /**
     * @param superResolution whether the family is trained by the super-resolution game
     * @param dataset         the dataset's name, which decides the default content loss
     * @param steps           the run's steps, or null when given in epochs (the pre-training default then needs the key)
     */
    SuperResolutionKeys resolve(boolean superResolution, String dataset, Long steps) {
        if (!superResolution) {
            if (!equals(NONE)) {
                throw new BadInputException("'scale', 'sr-blocks', 'sr-pretrain-steps', 'adversarial-weight' and 'content'"
                        + " apply only to --model srgan");
            }
            return NONE;
        }
        int s = Checks.or(scale, 4);
        SrResNet.checkScale(s);
        String c = Checks.or(content, hasFeatureNetwork(dataset) ? "features" : "pixel");
        if (!ContentLoss.names().contains(c)) {
            throw new BadInputException("invalid 'content': '" + c + "' (use " + String.join(" or ", ContentLoss.names()) + ")");
        }
        Long pretrain = srPretrainSteps != null ? srPretrainSteps : steps != null ? steps / 2 : null;
        if (pretrain == null) {
            throw new BadInputException("'sr-pretrain-steps' must be given when the run's length is in epochs");
        }
        SuperResolutionKeys r = new SuperResolutionKeys(s, Checks.or(srBlocks, 4), pretrain, Checks.or(adversarialWeight, 1e-3), c);
        Checks.positive("sr-blocks", r.srBlocks);
        if (r.srPretrainSteps < 0) {
            throw Checks.invalid("sr-pretrain-steps", r.srPretrainSteps, "must be 0 or more");
        }
        Checks.nonNegative("adversarial-weight", r.adversarialWeight, "must be 0 (SRResNet only) or positive");
        return r;
    }

    private static boolean hasFeatureNetwork(String dataset) {
        return "fashion-mnist".equals(dataset) || "mnist".equals(dataset);
    }
}
