package org.gan4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.gan4j.BadInputException;

/**
 * Reads and writes {@link TrainConfig}s as YAML or JSON with the command line's kebab-case keys.
 * An unknown key or a value of the wrong type fails before any work, naming the key and the file.
 */
public final class ConfigFiles {
    /** JSON with kebab-case keys, strict about unknown keys; shared by everything gan4j writes as JSON. */
    public static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private ConfigFiles() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Reads a config file ({@code .yaml}/{@code .yml} as YAML, anything else as JSON). */
    public static TrainConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode node;
        try {
            node = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new BadInputException("config file " + file + " is not valid " + (mapper == YAML ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return TrainConfig.defaults();
        }
        if (!node.isObject()) {
            throw new BadInputException("config file " + file + " must hold a map of keys to values");
        }
        return fromTree(node, "config file " + file);
    }

    /** Converts a JSON/YAML tree to a config; {@code where} names the source in error messages. */
    public static TrainConfig fromTree(JsonNode node, String where) {
        try {
            return JSON.treeToValue(node, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(where + ": unknown key '" + e.getPropertyName() + "'");
        } catch (InvalidFormatException e) {
            throw new BadInputException(where + ": invalid value " + e.getValue() + " for '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw new BadInputException(where + ": wrong type of value for '" + path(e) + "'");
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": " + e.getOriginalMessage());
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
    }

    /**
     * {@code base} with every key that {@code overrides} sets replaced (flags over a config file).
     * {@code steps} and {@code epochs} are one choice: setting either in the overrides drops both from the base.
     */
    public static TrainConfig merge(TrainConfig base, TrainConfig overrides) {
        ObjectNode merged = JSON.valueToTree(base);
        ObjectNode changes = JSON.valueToTree(overrides);
        if (changes.has("steps") || changes.has("epochs")) {
            merged.remove(java.util.List.of("steps", "epochs"));
        }
        merged.setAll(changes);
        return fromTree(merged, "merged config");
    }

    /** The config as a JSON tree (unset keys omitted). */
    public static ObjectNode toTree(TrainConfig config) {
        return JSON.valueToTree(config);
    }
}
