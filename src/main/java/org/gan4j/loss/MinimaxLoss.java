package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The original value function of Goodfellow et al. (2014, eq. 1):
 * min_G max_D E[log D(x)] + E[log(1 − D(G(z)))]. G minimises log(1 − D(G(z))), which saturates
 * (vanishing gradient) when D confidently rejects the fakes; kept to demonstrate exactly that.
 * <pre>
 *   L_D = BCE(D(x), 1) + BCE(D(G(z)), 0)
 *   L_G = mean log(1 − sigmoid(D(G(z)))) = −BCE(D(G(z)), 0)
 * </pre>
 */
public final class MinimaxLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public String description() {
        return "the original minimax game: G minimises log(1 - D(G(z))) (saturates early)";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return NonSaturatingLoss.bceDiscriminator(realLogits, fakeLogits, labels);
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return torch.binary_cross_entropy_with_logits(fakeLogits, labels.fake()).neg();
    }
}
