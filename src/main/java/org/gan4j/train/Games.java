package org.gan4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gan4j.BadInputException;

/**
 * The registry of game steps by name; a family names its game in
 * {@link org.gan4j.nn.Architecture#game()}. Adding a family is its networks, its architecture entry,
 * and (when G(z) against D does not describe it) one game registered here.
 */
public final class Games {
    private static final Map<String, Function<GameSetup, Game>> REGISTRY = new LinkedHashMap<>();

    static {
        register("adversarial", AdversarialGame::new);
        register("coupled", CoupledGame::new);
        register("super-resolution", SuperResolutionGame::new);
    }

    private Games() {
    }

    public static synchronized void register(String name, Function<GameSetup, Game> factory) {
        if (REGISTRY.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("a game named " + name + " is already registered");
        }
    }

    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Builds the game {@code name} for a run. */
    public static Game create(String name, GameSetup setup) {
        Function<GameSetup, Game> factory;
        synchronized (Games.class) {
            factory = REGISTRY.get(name);
        }
        if (factory == null) {
            throw new BadInputException("unknown game '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return factory.apply(setup);
    }
}
