package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * The hinge loss of geometric GAN (Lim &amp; Ye 2017) as used by SN-GAN (Miyato et al. 2018, eq. 16):
 * D is a margin classifier on raw outputs; G raises D's score of its samples.
 * <pre>
 *   L_D = E[relu(1 − D(x))] + E[relu(1 + D(G(z)))]
 *   L_G = −E[D(G(z))]
 * </pre>
 */
public final class HingeLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public String description() {
        return "hinge: D is a margin classifier, G maximises D(G(z)) (Lim & Ye 2017, Miyato et al. 2018)";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return realLogits.neg().add(Scalars.of(1)).relu().mean()
                .add(fakeLogits.add(Scalars.of(1)).relu().mean());
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return fakeLogits.mean().neg();
    }

    @Override
    public boolean outputsProbabilityLogits() {
        return false;
    }
}
