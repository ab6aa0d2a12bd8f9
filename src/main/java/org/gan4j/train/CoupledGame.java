package org.gan4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Batch;
import org.gan4j.data.CoupledDomains;
import org.gan4j.data.Dataset;
import org.gan4j.data.DomainTransform;
import org.gan4j.data.DomainTransforms;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.InstanceNoise;
import org.gan4j.loss.Term;
import org.gan4j.metrics.PairAgreement;
import org.gan4j.nn.CoGan;
import org.gan4j.nn.CoGanArchitecture;
import org.gan4j.nn.CoupledDiscriminators;
import org.gan4j.nn.CoupledGenerators;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Latent;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Prior;
import org.gan4j.nn.Sampler;

/**
 * CoGAN's game (Liu &amp; Tuzel 2016, §3): two GANs, one per domain, played at once on one z. Each
 * iteration takes k steps of both discriminators, L_D = L(D₀(x_A), D₀(G₀(z))) + L(D₁(x_B), D₁(G₁(z))),
 * then one step of both generators, L_G = L(D₀(G₀(z))) + L(D₁(G₁(z))). Because G₀ and G₁ share every
 * layer but the last and D₀ and D₁ every layer but the first ({@link CoGan}), the shared layers take
 * the sum of both domains' gradients: that is what couples the pairs, so G₀(z) and G₁(z) render the
 * same content in each domain although no image of A has its counterpart in B.
 *
 * <p>Domains ({@link CoupledDomains}): A is one half of the training split, B = T(the other half) with
 * T the config's {@code domain-b}. The pair agreement of the paper, T(G₀(z)) against G₁(z)
 * ({@link PairAgreement}), is measured on every step's fake batch: {@code pair_mae} and
 * {@code pair_agree} (share of pixels within 0.1).
 *
 * <p>Players: {@code generators} and {@code discriminators} (each one module holding both domains'
 * parts, so shared layers are stored once). Penalties (WGAN-GP, R1) apply to each domain's D.
 */
final class CoupledGame implements Game {
    static final List<String> SCALARS = List.of("d_loss", "g_loss", "d_real_a", "d_fake_a", "d_real_b", "d_fake_b",
            "grad_norm_d", "grad_norm_g", "pair_mae", "pair_agree");
    /** Noise vectors of the picture: rows alternate domain A and domain B of the same 8 z. */
    static final int GRID_COLUMNS = 8;
    static final int GRID_PAIRS_OF_ROWS = 4;

    private final TrainConfig config;
    private final ComputeDevice device;
    private final SampleShape shape;
    private final DomainTransform transform;
    private final Dataset stacked;
    private final CoupledGenerators generators;
    private final CoupledDiscriminators discriminators;
    private final Player playerG;
    private final Player playerD;
    private final Objective objective;
    private final Prior prior;
    private final Tensor fixedNoise;

    CoupledGame(GameSetup setup) {
        TrainConfig c = setup.config();
        this.config = c;
        this.device = setup.device();
        this.shape = setup.data().shape();
        if (c.optimiser().emaDecay() > 0) {
            throw new BadInputException("'ema-decay' is not supported by --model cogan (its two generators share layers)");
        }
        this.transform = DomainTransforms.get(c.data().domainB());
        transform.check(shape.channels(), shape.height(), shape.width());   // its message names --domain-b
        this.stacked = CoupledDomains.split(setup.data(), transform, c.run().seed()).stacked();
        NetworkSpec spec = new NetworkSpec(shape, c.networks().latentDim(), c.networks().width())
                .withDiscriminatorNorm(c.networks().discriminatorNorm());
        Engine.seed(c.run().seed());
        CoGan pair = new CoGanArchitecture().build(spec);
        this.generators = pair.generators();
        this.discriminators = pair.discriminators();
        if (c.networks().spectralNorm()) {
            discriminators.applySpectralNorm();
        }
        if (device.isCuda()) {
            generators.to(device.torchDevice(), false);
            discriminators.to(device.torchDevice(), false);
        }
        this.playerG = Player.of("generators", generators, null, c.optimiser(), c.optimiser().lrG());
        this.playerD = Player.of("discriminators", discriminators, null, c.optimiser(), c.optimiser().lrD());
        this.objective = Objective.of(c, device, null, null);
        this.prior = new Prior.Noise(c.networks().latentNoise(), c.networks().latentDim());
        Engine.seed(Trainer.mix(c.run().seed(), -1));
        try (PointerScope scope = new PointerScope()) {
            this.fixedNoise = prior.draw(GRID_COLUMNS * GRID_PAIRS_OF_ROWS, device).input();
            fixedNoise.retainReference();
        }
    }

    @Override
    public Dataset trainingData() {
        return stacked;
    }

    @Override
    public List<String> scalars() {
        return SCALARS;
    }

    @Override
    public StepScalars play(StepContext step) {
        int k = config.optimiser().dSteps();
        DiscriminatorStep d = null;
        for (int i = 0; i < k; i++) {
            d = updateDiscriminators(step, i == k - 1);
        }
        double[] g = updateGenerators(step, d.fakes());
        PairAgreement.Result agreement = PairAgreement.measure(d.fakes().a().detach(), d.fakes().b().detach(), transform);
        return StepScalars.of("d_loss", d.loss(), "g_loss", g[0], "d_real_a", d.means()[0], "d_fake_a", d.means()[1],
                "d_real_b", d.means()[2], "d_fake_b", d.means()[3], "grad_norm_d", d.gradientNorm(), "grad_norm_g", g[1],
                "pair_mae", agreement.meanAbsoluteError(), "pair_agree", agreement.withinTolerance());
    }

    /** @param means D₀(x_A), D₀(G₀(z)), D₁(x_B), D₁(G₁(z)), as probabilities for logit-valued D */
    private record DiscriminatorStep(CoupledGenerators.Pair fakes, double loss, double[] means, double gradientNorm) {
    }

    /** Both discriminators on a real batch of each domain and G₀(z), G₁(z) of one z (detached). */
    private DiscriminatorStep updateDiscriminators(StepContext step, boolean keepGraph) {
        Batch batch = step.data().next();
        Tensor real = Tensors.fromFloats(batch.data(), batch.size(), 2L * shape.channels(), shape.height(), shape.width());
        if (device.isCuda()) {
            real = real.to(device.torchDevice(), real.scalar_type());
        }
        Tensor[] reals = {real.narrow(1, 0, shape.channels()), real.narrow(1, shape.channels(), shape.channels())}; // x_A, x_B: B×C×H×W
        Latent latent = prior.draw(config.optimiser().batch(), device);
        CoupledGenerators.Pair fakes;
        if (keepGraph) {
            fakes = generators.both(latent.input());
        } else {
            try (NoGradGuard guard = new NoGradGuard()) {
                fakes = generators.both(latent.input());
            }
        }
        Tensor lossD = null;
        double[] means = new double[4];
        for (int domain = 0; domain < CoupledGenerators.DOMAINS; domain++) {
            Discriminator critic = discriminators.domain(domain);
            Tensor realSeen = InstanceNoise.add(reals[domain], step.sigma());
            Tensor fakeSeen = InstanceNoise.add(fakes.get(domain).detach(), step.sigma());
            Tensor realLogits = discriminators.forward(realSeen, domain);
            Tensor fakeLogits = discriminators.forward(fakeSeen, domain);
            Term.Judgement judged = new Term.Judgement(step.step(), critic, realSeen, fakeSeen,
                    new Discriminator.Output(realLogits, null), new Discriminator.Output(fakeLogits, null), null, latent);
            Tensor l = objective.discriminator(realLogits, fakeLogits, judged);
            lossD = lossD == null ? l : lossD.add(l);
            means[2 * domain] = objective.mean(realLogits);
            means[2 * domain + 1] = objective.mean(fakeLogits);
        }
        Player.Backward back = playerD.backward(lossD);
        double gradientNorm = back.gradientNorm();
        double value = back.loss();
        playerD.optimizer().step();
        objective.afterDiscriminatorStep(discriminators);
        return new DiscriminatorStep(fakes, value, means, gradientNorm);
    }

    /** Both generators against their discriminators; returns {loss, gradient norm}. */
    private double[] updateGenerators(StepContext step, CoupledGenerators.Pair fakes) {
        playerD.requiresGrad(false);
        try {
            Tensor lossG = null;
            for (int domain = 0; domain < CoupledGenerators.DOMAINS; domain++) {
                Tensor seen = InstanceNoise.add(fakes.get(domain), step.sigma());
                Tensor fakeLogits = discriminators.forward(seen, domain);
                Tensor l = objective.generator(fakeLogits, new Term.Judgement(step.step(), discriminators.domain(domain), null, seen,
                        null, new Discriminator.Output(fakeLogits, null), null, null));
                lossG = lossG == null ? l : lossG.add(l);
            }
            Player.Backward back = playerG.backward(lossG);
            double gradientNorm = back.gradientNorm();
            double value = back.loss();
            playerG.optimizer().step();
            return new double[] {value, gradientNorm};
        } finally {
            playerD.requiresGrad(true);
        }
    }

    @Override
    public List<Player> players() {
        return List.of(playerG, playerD);
    }

    @Override
    public Map<String, Module> modules() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generators);       // the name generator.pt and `sample` read
        m.put("discriminator", discriminators);
        return m;
    }

    @Override
    public void saveProduct(Path file) {
        Checkpoint.saveGenerator(file, generators);
    }

    /** Domain A's generator: what {@code --eval-every} compares with the dataset's own images. */
    @Override
    public Sampler sampler() {
        return new Sampler(generators.domain(0), prior);
    }

    /** Rows alternate G₀(z) and G₁(z) of the same 8 z: each column pair shows one z in both domains. */
    @Override
    public Sheet sheet() {
        try (PointerScope scope = new PointerScope()) {
            CoupledGenerators.Pair pair = generators.generateBoth(fixedNoise);
            TensorVector rows = new TensorVector();
            for (int r = 0; r < GRID_PAIRS_OF_ROWS; r++) {
                rows.push_back(pair.a().narrow(0, (long) r * GRID_COLUMNS, GRID_COLUMNS));
                rows.push_back(pair.b().narrow(0, (long) r * GRID_COLUMNS, GRID_COLUMNS));
            }
            float[] samples = Tensors.toFloats(torch.cat(rows, 0));
            return new Sheet(samples, 2 * GRID_COLUMNS * GRID_PAIRS_OF_ROWS, shape, generators.outputRange().low(),
                    generators.outputRange().high(), GRID_COLUMNS);
        }
    }

    @Override
    public void close() {
        fixedNoise.releaseReference();
        objective.close();
        playerG.close();
        playerD.close();
        generators.release();
        discriminators.release();
    }
}
