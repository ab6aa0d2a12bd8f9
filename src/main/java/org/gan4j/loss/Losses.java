package org.gan4j.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gan4j.BadInputException;

/** The registry of adversarial losses, looked up by the name given to {@code --loss}. */
public final class Losses {
    private static final Map<String, AdversarialLoss> REGISTRY = new LinkedHashMap<>();

    static {
        register(new NonSaturatingLoss());
        register(new MinimaxLoss());
        register(new LeastSquaresLoss());
        register(new HingeLoss());
        register(new WassersteinLoss());
        register(new WassersteinGpLoss());
    }

    private Losses() {
    }

    public static synchronized void register(AdversarialLoss loss) {
        REGISTRY.put(loss.name(), loss);
    }

    public static synchronized AdversarialLoss get(String name) {
        AdversarialLoss loss = REGISTRY.get(name);
        if (loss == null) {
            throw new BadInputException("unknown loss '" + name + "': choose one of " + String.join(", ", REGISTRY.keySet()));
        }
        return loss;
    }

    public static synchronized Set<String> names() {
        return Set.copyOf(REGISTRY.keySet());
    }
}
