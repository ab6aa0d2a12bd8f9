package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.engine.Optimizers;
import org.gan4j.loss.LossDefaults;
import org.gan4j.nn.Architecture;

/**
 * The keys of the players' optimisers and of the alternation between them. A loss's paper decides
 * them first (WGAN's RMSprop and five critic steps), then the family's.
 *
 * @param batch     batch size. Default: the family's (mlp 128, dcgan 64).
 * @param optimizer {@code adam} or {@code rmsprop}, for both networks. Default: the loss's (wgan rmsprop), else
 *                  {@code adam}.
 * @param lrG       generator learning rate. Default: the family's recipe (progan 1e-3), the loss's (wgan 5e-5, wgan-gp
 *                  1e-4), else the family's (mlp 1e-3, dcgan 2e-4).
 * @param lrD       discriminator learning rate. Default: as {@code lrG}.
 * @param beta1     Adam β1 for both networks. Default: the loss's (wgan-gp 0), else the family's (mlp 0.9, dcgan 0.5).
 *                  Null (and refused) with {@code rmsprop}.
 * @param beta2     Adam β2 for both networks. Default: the loss's (wgan-gp 0.9), else 0.999.
 * @param dSteps    k, discriminator steps per generator step (Goodfellow et al. 2014, Alg. 1; n_critic of the WGAN
 *                  papers). Default: the loss's (wgan, wgan-gp 5), else 1.
 * @param emaDecay  β of an exponential moving average of G's weights (Yazıcı et al. 2019), which then draws the
 *                  sample grids and is the run's {@code generator.pt}; 0 = off, typical 0.999. Default: the family's (progan, stylegan 0.99), else 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimiserKeys(Integer batch, String optimizer, Double lrG, Double lrD, Double beta1, Double beta2,
                            Integer dSteps, Double emaDecay) {

    /** @param emaDefault the family's {@code ema-decay} (ProGAN's 0.999), 0 for most */
    OptimiserKeys resolve(Architecture arch, LossDefaults ld, double emaDefault) {
        Architecture.Defaults d = arch.defaults();
        String opt = Checks.or(optimizer, Checks.or(ld.optimizer(), "adam"));
        if (!Optimizers.KINDS.contains(opt)) {
            throw new BadInputException("invalid 'optimizer': '" + opt + "' (use " + String.join(" or ", Optimizers.KINDS) + ")");
        }
        boolean adam = opt.equals("adam");
        if (!adam && (beta1 != null || beta2 != null)) {
            throw new BadInputException("'beta1' and 'beta2' apply only to the adam optimizer, not " + opt);
        }
        double lr = Checks.or(ld.learningRate(), d.learningRate());
        OptimiserKeys r = new OptimiserKeys(Checks.or(batch, d.batch()), opt, Checks.or(lrG, lr), Checks.or(lrD, lr),
                adam ? Checks.or(beta1, Checks.or(ld.beta1(), d.beta1())) : null,
                adam ? Checks.or(beta2, Checks.or(ld.beta2(), d.beta2())) : null,
                Checks.or(dSteps, Checks.or(ld.dSteps(), 1)), Checks.or(emaDecay, emaDefault));
        r.check();
        return r;
    }

    private void check() {
        Checks.positive("batch", batch);
        Checks.positive("lr-g", lrG);
        Checks.positive("lr-d", lrD);
        Checks.positive("d-steps", dSteps);
        Checks.unitInterval("beta1", beta1, "must be in [0, 1)");
        Checks.unitInterval("beta2", beta2, "must be in [0, 1)");
        Checks.unitInterval("ema-decay", emaDecay, "must be in [0, 1); 0 = off, typical 0.999");
    }
}
