package org.gan4j.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import org.gan4j.BadInputException;

/**
 * The registry of datasets by name: {@code mnist} and {@code fashion-mnist} (IDX files, found or
 * downloaded), {@code cifar10} (its binary version, found or downloaded; {@link Cifar10}), {@code folder} (a
 * directory of images) and the synthetic {@code ring8},
 * {@code grid25} and {@code gauss1d}.
 */
public final class Datasets {
    private static final Map<String, Function<DatasetRequest, Dataset>> REGISTRY = new LinkedHashMap<>();

    static {
        register("fashion-mnist", NamedDatasets::open);
        register("mnist", NamedDatasets::open);
        register(Cifar10.NAME, Cifar10::open);
        register("folder", FolderDataset::open);
        for (String name : SyntheticDatasets.names()) {
            register(name, SyntheticDatasets::open);
        }
    }

    private Datasets() {
    }

    /** Adds a dataset under {@code name}; the opener receives the whole request. */
    public static synchronized void register(String name, Function<DatasetRequest, Dataset> opener) {
        REGISTRY.put(name, opener);
    }

    /** Opens the dataset the request names. */
    public static Dataset open(DatasetRequest request) {
        Function<DatasetRequest, Dataset> opener;
        synchronized (Datasets.class) {
            opener = REGISTRY.get(request.name());
        }
        if (opener == null) {
            throw new BadInputException("unknown dataset '" + request.name() + "': choose one of " + String.join(", ", names()));
        }
        return opener.apply(request);
    }

    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }
}
