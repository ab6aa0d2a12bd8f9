package org.gan4j.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gan4j.BadInputException;
import org.gan4j.loss.Losses;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;

/**
 * Everything that decides a training run, one typed object in nine sections: the {@link DataKeys data},
 * the {@link NetworkKeys networks}, their {@link OptimiserKeys optimisers}, the {@link ObjectiveKeys
 * objective}, the {@link RunKeys run} itself, a family's own keys ({@link SuperResolutionKeys}, {@link ProgressiveKeys},
 * {@link StyleKeys}), and the adversarial game's remedies for mode collapse ({@link ModeCollapseKeys}). Each key has one kebab-case name, the same as its
 * command-line flag: a config file (YAML or JSON) is one flat map of those names ({@code lr-g},
 * {@code d-steps}, ...), and a flag given on the command line overrides the file ({@link ConfigFiles}).
 *
 * <p>A key left null takes the default written beside it in its section. {@link #resolve()} fills them
 * in: the network family ({@code model}) owns its defaults ({@link Architecture#defaults()}), a loss's
 * paper its optimiser settings ({@link org.gan4j.loss.AdversarialLoss#defaults()}), which go first. The
 * resolved config is what {@code config.json} records; every value is then in range and finite.
 */
public record TrainConfig(DataKeys data, NetworkKeys networks, OptimiserKeys optimiser, ObjectiveKeys objective, RunKeys run,
                          SuperResolutionKeys superResolution, ProgressiveKeys progressive, StyleKeys style,
                          ModeCollapseKeys modeCollapse) {
    public static final long DEFAULT_STEPS = RunKeys.DEFAULT_STEPS;

    public TrainConfig {
        if (data == null || networks == null || optimiser == null || objective == null || run == null || superResolution == null || progressive == null
                || style == null || modeCollapse == null) {
            throw new IllegalArgumentException("every section of a config is present (keys inside may be null)");
        }
    }

    /** A config with every key unset: all defaults. */
    public static TrainConfig defaults() {
        return builder().build();
    }

    /**
     * Fills every unset key with its default and checks each value and the combination. Steps stay null
     * when {@code epochs} is given: they follow from the dataset's size.
     *
     * @throws BadInputException naming the key, for a value or combination that cannot work
     */
    public TrainConfig resolve() {
        Architecture arch = Architectures.get(Checks.or(networks.model(), NetworkKeys.DEFAULT_MODEL));
        Architecture.Recipe recipe = arch.recipe();
        String lossName = Checks.or(objective.loss(), Checks.or(recipe.loss(), ObjectiveKeys.DEFAULT_LOSS));
        var lossDefaults = recipe.over(Losses.get(lossName).defaults());
        OptimiserKeys o = optimiser.resolve(arch, lossDefaults, Checks.or(recipe.emaDecay(), arch.regularisation().emaDecay()));
        ObjectiveKeys l = objective.resolve(!arch.latentCodes().isEmpty(), lossName, Checks.or(recipe.drift(), 0.0),
                arch.regularisation());
        NetworkKeys n = networks.resolve(arch, lossDefaults);
        DataKeys d = data.resolve(arch);
        RunKeys r = run.resolve("runs/" + n.model() + "-" + d.dataset());
        SuperResolutionKeys sr = superResolution.resolve(arch.game().equals("super-resolution"), d.dataset(), r.steps());
        ProgressiveKeys p = progressive.resolve(arch.grows());
        StyleKeys st = style.resolve(n.model().equals("stylegan"));
        ModeCollapseKeys mc = modeCollapse.resolve(arch, n, o);
        return new TrainConfig(d, n, o, l, r, sr, p, st, mc);
    }

    /** A builder starting from every key unset; see the sections for each key's default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets keys one by one by their flat names (each method is the key of the same name, as on the command
     * line); {@link #build()} does not resolve.
     */
    public static final class Builder {
        private final ObjectNode keys = ConfigFiles.JSON.createObjectNode();

        public Builder model(String v) { keys.put("model", v); return this; }
        public Builder dataset(String v) { keys.put("dataset", v); return this; }
        public Builder data(String v) { keys.put("data", v); return this; }
        public Builder steps(long v) { keys.put("steps", v); return this; }
        public Builder epochs(int v) { keys.put("epochs", v); return this; }
        public Builder batch(int v) { keys.put("batch", v); return this; }
        public Builder lrG(double v) { keys.put("lr-g", v); return this; }
        public Builder lrD(double v) { keys.put("lr-d", v); return this; }
        public Builder beta1(double v) { keys.put("beta1", v); return this; }
        public Builder beta2(double v) { keys.put("beta2", v); return this; }
        public Builder dSteps(int v) { keys.put("d-steps", v); return this; }
        public Builder loss(String v) { keys.put("loss", v); return this; }
        public Builder optimizer(String v) { keys.put("optimizer", v); return this; }
        public Builder r1Gamma(double v) { keys.put("r1-gamma", v); return this; }
        public Builder r1Every(int v) { keys.put("r1-every", v); return this; }
        public Builder realLabel(double v) { keys.put("real-label", v); return this; }
        public Builder emaDecay(double v) { keys.put("ema-decay", v); return this; }
        public Builder instanceNoise(double v) { keys.put("instance-noise", v); return this; }
        public Builder instanceNoiseSchedule(String v) { keys.put("instance-noise-schedule", v); return this; }
        public Builder spectralNorm(boolean v) { keys.put("spectral-norm", v); return this; }
        public Builder seed(long v) { keys.put("seed", v); return this; }
        public Builder device(String v) { keys.put("device", v); return this; }
        public Builder threads(int v) { keys.put("threads", v); return this; }
        public Builder out(String v) { keys.put("out", v); return this; }
        public Builder noise(String v) { keys.put("noise", v); return this; }
        public Builder latentDim(int v) { keys.put("latent-dim", v); return this; }
        public Builder width(int v) { keys.put("width", v); return this; }
        public Builder dNorm(String v) { keys.put("d-norm", v); return this; }
        public Builder conditional(boolean v) { keys.put("conditional", v); return this; }
        public Builder conditioning(String v) { keys.put("conditioning", v); return this; }
        public Builder infoCategories(int v) { keys.put("info-categories", v); return this; }
        public Builder infoContinuous(int v) { keys.put("info-continuous", v); return this; }
        public Builder infoLambda(double v) { keys.put("info-lambda", v); return this; }
        public Builder imageSize(int v) { keys.put("image-size", v); return this; }
        public Builder channels(int v) { keys.put("channels", v); return this; }
        public Builder strict(boolean v) { keys.put("strict", v); return this; }
        public Builder download(boolean v) { keys.put("download", v); return this; }
        public Builder domainB(String v) { keys.put("domain-b", v); return this; }
        public Builder scale(int v) { keys.put("scale", v); return this; }
        public Builder srBlocks(int v) { keys.put("sr-blocks", v); return this; }
        public Builder srPretrainSteps(long v) { keys.put("sr-pretrain-steps", v); return this; }
        public Builder adversarialWeight(double v) { keys.put("adversarial-weight", v); return this; }
        public Builder content(String v) { keys.put("content", v); return this; }
        public Builder fadeKimg(double v) { keys.put("fade-kimg", v); return this; }
        public Builder stableKimg(double v) { keys.put("stable-kimg", v); return this; }
        public Builder drift(double v) { keys.put("drift", v); return this; }
        public Builder mappingLayers(int v) { keys.put("mapping-layers", v); return this; }
        public Builder mixingProb(double v) { keys.put("mixing-prob", v); return this; }
        public Builder plWeight(double v) { keys.put("pl-weight", v); return this; }
        public Builder plEvery(int v) { keys.put("pl-every", v); return this; }
        public Builder logEvery(int v) { keys.put("log-every", v); return this; }
        public Builder sampleEvery(int v) { keys.put("sample-every", v); return this; }
        public Builder checkpointEvery(int v) { keys.put("checkpoint-every", v); return this; }
        public Builder evalEvery(int v) { keys.put("eval-every", v); return this; }
        public Builder evalSamples(int v) { keys.put("eval-samples", v); return this; }
        public Builder tensorboard(String v) { keys.put("tensorboard", v); return this; }
        public Builder maxMinutes(double v) { keys.put("max-minutes", v); return this; }
        public Builder evalFeatures(String v) { keys.put("eval-features", v); return this; }
        public Builder inception(String v) { keys.put("inception", v); return this; }
        public Builder pack(int v) { keys.put("pack", v); return this; }
        public Builder minibatchStd(boolean v) { keys.put("minibatch-std", v); return this; }
        public Builder unroll(int v) { keys.put("unroll", v); return this; }

        public TrainConfig build() {
            return ConfigFiles.fromTree(keys, "config builder");
        }
    }
}
