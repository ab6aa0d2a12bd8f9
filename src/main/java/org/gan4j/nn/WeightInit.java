package org.gan4j.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The initialisations of the network families, applicable to any module (a whole network or one head). */
enum WeightInit {
    /** Xavier-normal weights and zero biases (Glorot &amp; Bengio 2010), the vanilla GAN's init. */
    XAVIER,
    /**
     * DCGAN's init (Radford et al. 2016, §4): convolution and linear weights ~ N(0, 0.02),
     * BatchNorm scales ~ N(1, 0.02), all biases and shifts 0.
     */
    DCGAN,
    /**
     * Isotropic Gaussian: linear and convolution weights ~ N(0, 0.02), BatchNorm scales 1, all biases and
     * shifts 0 (Blocks' {@code IsotropicGaussian(0.02)} with its BatchNorm defaults, as in PacGAN's toy code).
     */
    GAUSSIAN;

    void apply(Module module) {
        try (NoGradGuard guard = new NoGradGuard()) {
            var named = module.named_parameters();
            for (long i = 0; i < named.size(); i++) {
                String name = named.get(i).key().getString();
                Tensor p = named.get(i).access();
                if (p.dim() >= 2) {
                    if (this == XAVIER) {
                        torch.xavier_normal_(p);
                    } else {
                        torch.normal_(p, 0.0, 0.02);
                    }
                } else if (this == DCGAN && name.endsWith("weight")) {
                    torch.normal_(p, 1.0, 0.02);
                } else if (this == GAUSSIAN && name.endsWith("weight")) {
                    torch.ones_(p);
                } else {
                    torch.zeros_(p);
                }
            }
        }
    }
}
