package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The practical GAN loss of Goodfellow et al. (2014, §3): D maximises log D(x) + log(1 − D(G(z)));
 * G maximises log D(G(z)) instead of minimising log(1 − D(G(z))), which gives strong gradients early
 * in training when D rejects G's samples with confidence.
 * <pre>
 *   L_D = BCE(D(x), 1) + BCE(D(G(z)), 0)
 *   L_G = BCE(D(G(z)), 1) = −mean log sigmoid(D(G(z)))
 * </pre>
 */
public final class NonSaturatingLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "ns";
    }

    @Override
    public String description() {
        return "non-saturating: G maximises log D(G(z)) (Goodfellow et al. 2014), the default";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return bceDiscriminator(realLogits, fakeLogits, labels);
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return torch.binary_cross_entropy_with_logits(fakeLogits, labels.real());
    }

    /** The discriminator side shared by the two forms of the original game: sum of the two mean BCEs. */
    static Tensor bceDiscriminator(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return torch.binary_cross_entropy_with_logits(realLogits, labels.real())
                .add(torch.binary_cross_entropy_with_logits(fakeLogits, labels.fake()));
    }
}
