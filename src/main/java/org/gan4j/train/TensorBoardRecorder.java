package org.gan4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.report.TensorBoardWriter;

/**
 * Writes the run's events to a TensorBoard event file ({@link TensorBoardWriter}) when the config's
 * {@code tensorboard} directory is set: each step's scalars, as in {@code metrics.csv}, under a group
 * by name, the sample picture of every {@link RunEvent.SamplesWritten} as the image {@code samples},
 * and histograms of D's outputs on real and fake at the log cadence ({@code d/real_outputs},
 * {@code d/fake_outputs}, from {@link RunEvent.Distributions}). Scalars a step did not measure (NaN)
 * are left out.
 *
 * <p>The file is flushed at every logged step and checkpoint (with all of the checkpoint's step) and closed when
 * the run ends; a resumed
 * run opens a new file in the same directory, and TensorBoard orders the steps.
 */
final class TensorBoardRecorder implements RunListener, AutoCloseable {
    private final TensorBoardWriter writer;

    private TensorBoardRecorder(TensorBoardWriter writer) {
        this.writer = writer;
    }

    /** A recorder writing a new event file in {@code dir}. */
    static TensorBoardRecorder open(Path dir) {
        return new TensorBoardRecorder(TensorBoardWriter.open(dir));
    }

    /** The event file written. */
    Path file() {
        return writer.file();
    }

    /**
     * The tag of a scalar: {@code loss/} for every {@code *_loss}, {@code d/} for D's means
     * ({@code d_real*}, {@code d_fake*}), {@code grad/} for gradient norms, {@code eval/} for FID and KID,
     * {@code train/} for the rest ({@code images_per_s}, SR's {@code psnr}, ...).
     */
    static String tag(String scalar) {
        String group;
        if (scalar.endsWith("_loss")) {
            group = "loss";
        } else if (scalar.startsWith("d_real") || scalar.startsWith("d_fake")) {
            group = "d";
        } else if (scalar.startsWith("grad_")) {
            group = "grad";
        } else if (scalar.startsWith("fid_") || scalar.startsWith("kid_")) {
            group = "eval";
        } else {
            group = "train";
        }
        return group + "/" + scalar;
    }

    /**
     * With metrics.csv, before the checkpoint: the step's scalars, picture and histograms are written
     * when the checkpoint's event arrives, so its flush leaves nothing of the step behind.
     */
    @Override
    public Stage stage() {
        return Stage.RECORD;
    }

    @Override
    public boolean wantsDistributions() {
        return true;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded s) {
            scalars(s.step(), s.stats().scalars().asMap());
            if (s.logged()) {
                writer.flush();
            }
        } else if (event instanceof RunEvent.Evaluated e) {
            scalars(e.step(), e.values());
        } else if (event instanceof RunEvent.Distributions d) {
            for (Map.Entry<String, float[]> v : d.values().entrySet()) {
                writer.histogram("d/" + v.getKey(), d.step(), v.getValue());
            }
        } else if (event instanceof RunEvent.SamplesWritten w) {
            image(w.step(), w.picture());
        } else if (event instanceof RunEvent.CheckpointSaved) {
            writer.flush();
        } else if (event instanceof RunEvent.RunEnded) {
            close();
        }
    }

    private void scalars(long step, Map<String, Double> values) {
        Map<String, Double> tagged = new LinkedHashMap<>();
        for (Map.Entry<String, Double> v : values.entrySet()) {
            if (!v.getValue().isNaN()) {
                tagged.put(tag(v.getKey()), v.getValue());
            }
        }
        writer.scalars(step, tagged);
    }

    /** The PNG as it is on disk, with its size and channels from its header (IHDR). */
    private void image(long step, Path png) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png + " for TensorBoard: " + e.getMessage(), e);
        }
        if (bytes.length < 26) {
            throw new IllegalStateException(png + " is not a PNG");
        }
        int width = readInt(bytes, 16);
        int height = readInt(bytes, 20);
        int channels = switch (bytes[25]) {   // PNG colour type
            case 0 -> 1;
            case 4 -> 2;
            case 6 -> 4;
            default -> 3;   // RGB, palette
        };
        writer.image("samples", step, bytes, width, height, channels);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Flushes and closes the event file; idempotent. */
    @Override
    public void close() {
        writer.close();
    }
}
