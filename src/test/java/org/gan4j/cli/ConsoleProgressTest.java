package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.gan4j.train.StepScalars;
import org.gan4j.train.StepStats;
import org.junit.jupiter.api.Test;

/** Progress lines name the scalars each game reports. */
class ConsoleProgressTest {
    private static String line(StepStats stats) {
        var lines = new ConsoleProgress.Lines(new PrintWriter(new StringWriter()), "img/s");
        lines.onStart(Path.of("run"), 0, 3000);
        return lines.line(stats, 3000, 100);
    }

    @Test
    void theAdversarialGameKeepsItsLine() {
        assertEquals("step 500/3000  d_loss 1.234  g_loss 0.987  D(x) 0.61  D(G(z)) 0.38  1234 img/s  eta 8m20s",
                line(new StepStats(500, 1.2344, 0.9871, 0.612, 0.381, 1, 1, 1234.4)));
    }

    @Test
    void aSuperResolutionGameShowsItsOwnScalarsInItsOrder() {
        StepScalars scalars = StepScalars.of("d_loss", 0.6512, "g_loss", 1.2, "content_loss", 0.012345,
                "pixel_loss", 0.0045678, StepStats.IMAGES_PER_S, 900.0);
        assertEquals("step 500/3000  d 0.651, g 1.2, content 0.0123, pixel 0.00457  900 img/s  eta 8m20s",
                line(new StepStats(500, scalars)));
    }

    @Test
    void aCoupledGameShowsItsFirstFewScalars() {
        StepScalars scalars = StepScalars.of("d_loss", 1.3, "g_loss", 0.98, "d_real_a", 0.61, "d_fake_a", 0.38,
                "d_real_b", 0.6, "d_fake_b", 0.4, "pair_mae", 0.05, "pair_agree", 0.91, "grad_norm_d", 2.0,
                "grad_norm_g", 1.5, StepStats.IMAGES_PER_S, 640.0);
        assertEquals("d 1.3, g 0.98, d_real_a 0.61, d_fake_a 0.38", ConsoleProgress.losses(new StepStats(7, scalars)));
    }

    @Test
    void valuesAreCompact() {
        assertEquals("0.0123", ConsoleProgress.compact(0.012345));
        assertEquals("1.2", ConsoleProgress.compact(1.2));
        assertEquals("-457", ConsoleProgress.compact(-456.7));
        assertEquals("12346", ConsoleProgress.compact(12345.6));
        assertEquals("4.57e-05", ConsoleProgress.compact(4.567e-5));
        assertEquals("1.00e+07", ConsoleProgress.compact(1e7));
        assertEquals("0", ConsoleProgress.compact(0));
        assertEquals("nan", ConsoleProgress.compact(Double.NaN));
        assertEquals("-inf", ConsoleProgress.compact(Double.NEGATIVE_INFINITY));
        assertEquals("content", ConsoleProgress.shortName("content_loss"));
        assertEquals("pair_mae", ConsoleProgress.shortName("pair_mae"));
    }
}
