package org.gan4j.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.BadInputException;

/**
 * The feature classifiers gan4j ships, one per image domain, and how each is trained. The weights
 * and their {@link ClassifierCard} are resources of the jar
 * ({@code /org/gan4j/features/NAME.pt} and {@code NAME.json}), produced by
 * {@code gan4j train-classifier} with the command the card records.
 *
 * <table>
 *   <caption>shipped networks</caption>
 *   <tr><th>name</th><th>dataset</th><th>augmentation</th></tr>
 *   <tr><td>{@code fmnist}</td><td>{@code fashion-mnist}</td><td>horizontal flip (60,000 images need no more)</td></tr>
 *   <tr><td>{@code mnist}</td><td>{@code mnist}</td><td>shift ±2 px, no flip (digits are not mirror-symmetric); npm's
 *       subset has only 8,000 training images</td></tr>
 * </table>
 */
public final class FeatureNetworks {
    /** Where the shipped weights live on the class path. */
    static final String RESOURCE_DIR = "/org/gan4j/features/";

    /**
     * How the network for one dataset is trained.
     *
     * @param name     short name, used in metric names ({@code fid-NAME})
     * @param dataset  the dataset it is trained on and judges
     * @param epochs   default passes over the training split
     * @param maxShift random translation in pixels
     * @param flip     random horizontal flips
     */
    public record Recipe(String name, String dataset, int epochs, int maxShift, boolean flip) {
        public ClassifierTraining.Options options(Integer epochOverride, long seed) {
            return new ClassifierTraining.Options(epochOverride == null ? epochs : epochOverride, seed, 128, 1e-3, maxShift, flip);
        }
    }

    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();
    private static final Map<String, FeatureNetwork> LOADED = new HashMap<>();

    static {
        register(new Recipe("fmnist", "fashion-mnist", 14, 0, true));
        register(new Recipe("mnist", "mnist", 30, 2, false));
    }

    private FeatureNetworks() {
    }

    static synchronized void register(Recipe r) {
        RECIPES.put(r.name(), r);
    }

    /** Network names, e.g. {@code [fmnist, mnist]}. */
    public static synchronized List<String> names() {
        return List.copyOf(RECIPES.keySet());
    }

    /** The recipe of the network that judges {@code dataset} ({@code fashion-mnist} → {@code fmnist}). */
    public static synchronized Recipe forDataset(String dataset) {
        for (Recipe r : RECIPES.values()) {
            if (r.dataset().equals(dataset)) {
                return r;
            }
        }
        throw new BadInputException("no feature network for dataset '" + dataset + "' (gan4j has them for "
                + String.join(", ", RECIPES.values().stream().map(Recipe::dataset).toList()) + ")");
    }

    /** The recipe named {@code name}. */
    public static synchronized Recipe recipe(String name) {
        Recipe r = RECIPES.get(name);
        if (r == null) {
            throw new BadInputException("unknown feature network '" + name + "' (known: " + String.join(", ", RECIPES.keySet()) + ")");
        }
        return r;
    }

    /** Whether the jar holds trained weights for {@code name}. */
    public static boolean isShipped(String name) {
        return FeatureNetworks.class.getResource(RESOURCE_DIR + name + ".pt") != null
                && FeatureNetworks.class.getResource(RESOURCE_DIR + name + ".json") != null;
    }

    /** The shipped network {@code name} ({@code fmnist} or {@code mnist}), loaded once per process. */
    public static synchronized FeatureNetwork get(String name) {
        recipe(name);
        FeatureNetwork loaded = LOADED.get(name);
        if (loaded == null) {
            if (!isShipped(name)) {
                throw new BadInputException("this gan4j build ships no '" + name + "' classifier (train one with: gan4j train-classifier --dataset "
                        + recipe(name).dataset() + " --out " + name + ".pt)");
            }
            byte[] weights = resource(name + ".pt");
            ClassifierCard card;
            try {
                card = ClassifierCard.JSON.readValue(new String(resource(name + ".json"), StandardCharsets.UTF_8), ClassifierCard.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the shipped card of '" + name + "' is unreadable: " + e.getOriginalMessage(), e);
            }
            loaded = FeatureNetwork.fromBytes(weights, card, "shipped classifier '" + name + "'");
            LOADED.put(name, loaded);
        }
        return loaded;
    }

    private static byte[] resource(String file) {
        try (InputStream in = FeatureNetworks.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_DIR + file + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCE_DIR + file + ": " + e, e);
        }
    }
}
