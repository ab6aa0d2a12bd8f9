package org.gan4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gan4j.BadInputException;

/** The registry of network families, looked up by the name given to {@code --model}. */
public final class Architectures {
    private static final Map<String, Architecture> REGISTRY = new LinkedHashMap<>();

    static {
        register(new MlpGan());
        register(new PacGanMlp());
        register(new DcGan());
        register(new InfoGan());
        register(new CoGanArchitecture());
        register(new SrGanArchitecture());
        register(new ProGanArchitecture());
        register(new StyleGan());
    }

    private Architectures() {
    }

    /** Adds an architecture (a later registration under the same name replaces the earlier one). */
    public static synchronized void register(Architecture architecture) {
        REGISTRY.put(architecture.name(), architecture);
    }

    public static synchronized Architecture get(String name) {
        Architecture a = REGISTRY.get(name);
        if (a == null) {
            throw new BadInputException("unknown model '" + name + "': choose one of " + String.join(", ", REGISTRY.keySet()));
        }
        return a;
    }

    public static synchronized Set<String> names() {
        return Set.copyOf(REGISTRY.keySet());
    }
}
