package org.gan4j.config;

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
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The sections of a config, in the order their keys are written. */
    private static final List<Class<? extends Record>> SECTIONS = List.of(
            DataKeys.class, NetworkKeys.class, OptimiserKeys.class, ObjectiveKeys.class, RunKeys.class, SuperResolutionKeys.class,
            ProgressiveKeys.class, StyleKeys.class, ModeCollapseKeys.class);
    /** Each flat key's section. */
    private static final Map<String, Class<? extends Record>> SECTION_OF = sectionsByKey();

    private static Map<String, Class<? extends Record>> sectionsByKey() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        var kebab = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;
        for (Class<? extends Record> section : SECTIONS) {
            for (RecordComponent c : section.getRecordComponents()) {
                m.put(kebab.translate(c.getName()), section);
            }
        }
        return m;
    }

    /** Every key a config file may hold, in the order they are written. */
    public static Set<String> keys() {
        return SECTION_OF.keySet();
    }

    /**
     * Converts a flat JSON/YAML tree of keys to a config, each key to its section; {@code where} names the
     * source in error messages.
     */
    public static TrainConfig fromTree(JsonNode node, String where) {
        Map<Class<? extends Record>, ObjectNode> parts = new LinkedHashMap<>();
        for (Class<? extends Record> section : SECTIONS) {
            parts.put(section, JSON.createObjectNode());
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            Class<? extends Record> section = SECTION_OF.get(field.getKey());
            if (section == null) {
                throw new BadInputException(where + ": unknown key '" + field.getKey() + "'");
            }
            parts.get(section).set(field.getKey(), field.getValue());
        }
        return new TrainConfig(section(parts, DataKeys.class, where), section(parts, NetworkKeys.class, where),
                section(parts, OptimiserKeys.class, where), section(parts, ObjectiveKeys.class, where),
                section(parts, RunKeys.class, where), section(parts, SuperResolutionKeys.class, where),
                section(parts, ProgressiveKeys.class, where), section(parts, StyleKeys.class, where),
                section(parts, ModeCollapseKeys.class, where));
    }

    private static <T extends Record> T section(Map<Class<? extends Record>, ObjectNode> parts, Class<T> type, String where) {
        try {
            return JSON.treeToValue(parts.get(type), type);
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
        ObjectNode merged = toTree(base);
        ObjectNode changes = toTree(overrides);
        if (changes.has("steps") || changes.has("epochs")) {
            merged.remove(List.of("steps", "epochs"));
        }
        merged.setAll(changes);
        return fromTree(merged, "merged config");
    }

    /** The config as one flat JSON tree of keys (unset keys omitted), section after section. */
    public static ObjectNode toTree(TrainConfig config) {
        ObjectNode flat = JSON.createObjectNode();
        for (Record section : List.of(config.data(), config.networks(), config.optimiser(), config.objective(), config.run(),
                config.superResolution(), config.progressive(), config.style(), config.modeCollapse())) {
            flat.setAll((ObjectNode) JSON.valueToTree(section));
        }
        return flat;
    }
}
