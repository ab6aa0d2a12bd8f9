package org.gan4j.train;

import org.gan4j.config.ConfigFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.io.AtomicFiles;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;

/**
 * A training run's whole state in one libtorch archive, as named maps: every module of the game under
 * its name ({@code generator}, {@code discriminator}, G's weight average {@code generator_ema}, or a
 * game's own names), every player's optimiser state (Adam's moments and step counts) under the
 * player's name in {@code optimizers}, and {@link State} (step, position in the data order, resolved
 * config, the game's own state). Randomness needs no saved generator state: every step reseeds
 * libtorch from (seed, step), so (seed, step) is the RNG state.
 *
 * <p>Format 1 (releases before the training core of 2026-12) kept the optimisers as {@code optimizer_g}
 * and {@code optimizer_d}; it is read as the players {@code generator} and {@code discriminator}.
 *
 * <p>Written to a temporary file and renamed over the previous checkpoint, so a kill at any moment
 * leaves the previous one intact.
 */
public final class Checkpoint {
    /** Bumped when the archive layout changes; older files are kept as test fixtures. */
    public static final int FORMAT = 2;
    /** Key of G's weight average; absent from checkpoints of runs without one (and from older ones). */
    static final String GENERATOR_EMA = "generator_ema";
    /** Child archive of the optimisers, by player (format 2). */
    static final String OPTIMIZERS = "optimizers";
    /** Where format 1 kept each player's optimiser. */
    private static final Map<String, String> FORMAT_1_OPTIMIZERS = Map.of("generator", "optimizer_g", "discriminator", "optimizer_d");
    /**
     * Key of a conditional generator's number of classes (one int64), in checkpoints and generator files;
     * absent for unconditional runs (and from older files), which is read as 0.
     */
    static final String CLASSES = "classes";

    private Checkpoint() {
    }

    /**
     * Where training stands after {@code step} iterations.
     *
     * @param format       archive layout version
     * @param step         iterations completed
     * @param epoch        epoch of the next batch to read
     * @param batchInEpoch index of the next batch within its epoch
     * @param config       the resolved config (JSON)
     * @param game         the game's own state (JSON), or null for none (and in format 1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(int format, long step, long epoch, int batchInEpoch, String config, String game) {
        public State(int format, long step, long epoch, int batchInEpoch, String config) {
            this(format, step, epoch, batchInEpoch, config, null);
        }
    }

    /** Writes a run's modules, its players' optimisers and its state to {@code file} atomically. */
    public static void save(Path file, Map<String, ? extends Module> modules, Map<String, ParameterOptimizer> optimizers, State state) {
        try (PointerScope scope = new PointerScope()) {
            OutputArchive root = new OutputArchive();
            for (var m : modules.entrySet()) {
                root.write(m.getKey(), archive(m.getValue()));
                if (m.getValue() instanceof Generator g && m.getKey().equals("generator")) {
                    writeClasses(root, g);
                }
            }
            OutputArchive opts = new OutputArchive();
            for (var o : optimizers.entrySet()) {
                OutputArchive a = new OutputArchive();
                o.getValue().save(a);
                opts.write(o.getKey(), a);
            }
            root.write(OPTIMIZERS, opts);
            root.write("state", textTensor(json(state)));
            AtomicFiles.write(file, tmp -> root.save_to(tmp.toString()));
        }
    }

    /** {@link #save(Path, Map, Map, State)} of the adversarial pair; {@code gEma}, G's weight average, may be null (none kept). */
    public static void save(Path file, Generator g, Generator gEma, Discriminator d, ParameterOptimizer optG, ParameterOptimizer optD,
            State state) {
        save(file, pairModules(g, gEma, d), pairOptimizers(optG, optD), state);
    }

    /** Writes named modules alone (a run's product when it is more than one generator) atomically. */
    public static void saveModules(Path file, Map<String, ? extends Module> modules) {
        try (PointerScope scope = new PointerScope()) {
            OutputArchive root = new OutputArchive();
            for (var m : modules.entrySet()) {
                root.write(m.getKey(), archive(m.getValue()));
            }
            AtomicFiles.write(file, tmp -> root.save_to(tmp.toString()));
        }
    }

    /** Loads named modules from a product or checkpoint file, checking each one's layout. */
    public static void loadModules(Path file, Map<String, ? extends Module> modules) {
        try (PointerScope scope = new PointerScope()) {
            InputArchive root = open(file);
            try {
                for (var m : modules.entrySet()) {
                    if (!hasKey(root, m.getKey())) {
                        throw new BadInputException(file + " holds no '" + m.getKey() + "'");
                    }
                    loadModule(root, m.getKey(), m.getValue(), file);
                }
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreadable(file, e);
            }
        }
    }

    /** Writes only the generator's weights (the run's final product) atomically. */
    public static void saveGenerator(Path file, Generator g) {
        try (PointerScope scope = new PointerScope()) {
            OutputArchive root = new OutputArchive();
            root.write("generator", archive(g));
            writeClasses(root, g);
            AtomicFiles.write(file, tmp -> root.save_to(tmp.toString()));
        }
    }

    /**
     * Restores every named module and optimiser from {@code file} (format 1 or 2) and returns the saved
     * state. Each name must be in the file; a module the file holds and the map lacks is ignored.
     */
    public static State load(Path file, Map<String, ? extends Module> modules, Map<String, ParameterOptimizer> optimizers) {
        try (PointerScope scope = new PointerScope()) {
            InputArchive root = open(file);
            try {
                State state = readState(root, file);
                for (var m : modules.entrySet()) {
                    if (!hasKey(root, m.getKey())) {
                        throw new BadInputException("checkpoint " + file + " holds no '" + m.getKey() + "'"
                                + (m.getKey().equals(GENERATOR_EMA) ? " (weight average of G), though the run's ema-decay is set"
                                : " (was it written by another model?)"));
                    }
                    loadModule(root, m.getKey(), m.getValue(), file);
                }
                InputArchive opts = state.format() >= 2 ? child(root, OPTIMIZERS) : root;
                for (var o : optimizers.entrySet()) {
                    String key = state.format() >= 2 ? o.getKey() : FORMAT_1_OPTIMIZERS.getOrDefault(o.getKey(), o.getKey());
                    if (!hasKey(opts, key)) {
                        throw new BadInputException("checkpoint " + file + " holds no optimiser state of '" + o.getKey() + "'");
                    }
                    o.getValue().load(child(opts, key));
                }
                return state;
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreadable(file, e);
            }
        }
    }

    /**
     * {@link #load(Path, Map, Map)} of the adversarial pair. {@code gEma}, G's weight average, is null for
     * a run that keeps none; otherwise the file must hold it.
     */
    public static State load(Path file, Generator g, Generator gEma, Discriminator d, ParameterOptimizer optG, ParameterOptimizer optD) {
        return load(file, pairModules(g, gEma, d), pairOptimizers(optG, optD));
    }

    private static Map<String, Module> pairModules(Generator g, Generator gEma, Discriminator d) {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", g);
        if (gEma != null) {
            m.put(GENERATOR_EMA, gEma);
        }
        m.put("discriminator", d);
        return m;
    }

    private static Map<String, ParameterOptimizer> pairOptimizers(ParameterOptimizer optG, ParameterOptimizer optD) {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        m.put("generator", optG);
        m.put("discriminator", optD);
        return m;
    }

    /**
     * Loads the generator a run produces from a checkpoint or a generator file: a checkpoint's weight
     * average of G when it holds one, else G.
     */
    public static void loadGenerator(Path file, Generator g) {
        try (PointerScope scope = new PointerScope()) {
            InputArchive root = open(file);
            try {
                loadModule(root, hasKey(root, GENERATOR_EMA) ? GENERATOR_EMA : "generator", g, file);
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreadable(file, e);
            }
        }
    }

    /**
     * {@code spec} as the generator in {@code file} (a checkpoint or a generator file) was built: today's
     * layout, or, when the file holds a tensor that layout lacks and the older one has, the layout with a
     * bias before G's BatchNorm (DCGAN-28 generators saved before 2026-11-22). Builds throwaway networks,
     * so callers that seed libtorch for their own networks call it first.
     */
    public static NetworkSpec savedLayout(Path file, Architecture architecture, NetworkSpec spec) {
        try (PointerScope scope = new PointerScope()) {
            Set<String> saved = tensorNames(child(open(file), "generator"), "");
            if (spec.biasBeforeNorm() || tensorNames(Networks.generator(architecture, spec)).containsAll(saved)) {
                return spec;
            }
            NetworkSpec older = spec.withBiasBeforeNorm(true);
            // Neither layout: the load that follows names the mismatch.
            return tensorNames(Networks.generator(architecture, older)).containsAll(saved) ? older : spec;
        } catch (RuntimeException e) {
            return spec;   // unreadable: the load that follows says so in one line
        }
    }

    /** Names of the tensors in an archive and its children, dotted like a module's parameter names. */
    private static Set<String> tensorNames(InputArchive archive, String prefix) {
        Set<String> names = new TreeSet<>();
        StringVector keys = archive.keys();
        for (long i = 0; i < keys.size(); i++) {
            String key = keys.get(i).getString();
            InputArchive child = new InputArchive();
            if (archive.try_read(key, child)) {
                names.addAll(tensorNames(child, prefix + key + "."));
            } else {
                names.add(prefix + key);
            }
        }
        return names;
    }

    /** Names of a module's parameters and buffers. */
    private static Set<String> tensorNames(Module module) {
        Set<String> names = new TreeSet<>();
        for (var dict : List.of(module.named_parameters(), module.named_buffers())) {
            for (long i = 0; i < dict.size(); i++) {
                names.add(dict.get(i).key().getString());
            }
        }
        return names;
    }

    /** The number of classes a conditional generator in {@code file} was built for; 0 when unconditional (or older). */
    public static int readClasses(Path file) {
        try (PointerScope scope = new PointerScope()) {
            Tensor t = new Tensor();
            return open(file).try_read(CLASSES, t) ? (int) t.item_long() : 0;
        }
    }

    private static void writeClasses(OutputArchive root, Generator g) {
        if (g.classes() > 0) {
            root.write(CLASSES, torch.scalar_tensor(new Scalar(g.classes()), new TensorOptions(torch.ScalarType.Long)));
        }
    }

    /** The saved state of a checkpoint without touching any network. */
    public static State readState(Path file) {
        try (PointerScope scope = new PointerScope()) {
            return readState(open(file), file);
        }
    }

    private static State readState(InputArchive root, Path file) {
        Tensor t = new Tensor();
        if (!root.try_read("state", t)) {
            throw new BadInputException("checkpoint " + file + " has no training state (is it a generator-only file?)");
        }
        float[] codes = Tensors.toFloats(t);
        byte[] bytes = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            bytes[i] = (byte) codes[i];
        }
        try {
            State s = ConfigFiles.JSON.readValue(new String(bytes, StandardCharsets.UTF_8), State.class);
            if (s.format() > FORMAT) {
                throw new BadInputException("checkpoint " + file + " has format " + s.format()
                        + ", newer than this gan4j understands (" + FORMAT + ")");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new BadInputException("checkpoint " + file + " has an unreadable state record: " + e.getOriginalMessage());
        }
    }

    private static InputArchive open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("checkpoint " + file + " does not exist");
        }
        InputArchive root = new InputArchive();
        try {
            root.load_from(file.toString());
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
        return root;
    }

    private static BadInputException unreadable(Path file, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new BadInputException("checkpoint " + file + " is unreadable or does not match the model: " + why);
    }

    /**
     * Loads a module's parameters and buffers and checks their shapes: libtorch's load replaces a
     * tensor with whatever shape the file holds, so a checkpoint of another architecture would
     * otherwise load "successfully" into a corrupted network.
     */
    private static void loadModule(InputArchive root, String key, Module module, Path file) {
        List<String> expected = shapes(module);
        module.load(child(root, key));
        List<String> found = shapes(module);
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(found.get(i))) {
                throw new BadInputException("checkpoint " + file + " does not match the model: " + key + " "
                        + found.get(i) + " where the model has " + expected.get(i)
                        + " (was it written with another --model, --width or --latent-dim?)");
            }
        }
    }

    /** "name[d0, d1, ...]" for every parameter and buffer, in registration order. */
    private static List<String> shapes(Module module) {
        List<String> out = new ArrayList<>();
        for (var dict : List.of(module.named_parameters(), module.named_buffers())) {
            for (long i = 0; i < dict.size(); i++) {
                out.add(dict.get(i).key().getString() + Arrays.toString(dict.get(i).access().sizes().vec().get()));
            }
        }
        return out;
    }

    /** Whether {@code root} holds the child archive {@code key}. */
    private static boolean hasKey(InputArchive root, String key) {
        return root.try_read(key, new InputArchive());
    }

    private static InputArchive child(InputArchive root, String key) {
        InputArchive a = new InputArchive();
        root.read(key, a);
        return a;
    }

    private static OutputArchive archive(Module module) {
        OutputArchive a = new OutputArchive();
        module.save(a);
        return a;
    }

    private static String json(State state) {
        try {
            return ConfigFiles.JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text stored as one float per UTF-8 byte: exact, and readable by any libtorch. */
    private static Tensor textTensor(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        float[] codes = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            codes[i] = bytes[i];
        }
        return Tensors.fromFloats(codes, codes.length);
    }
}
