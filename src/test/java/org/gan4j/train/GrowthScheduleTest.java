package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gan4j.nn.Growing.Stage;
import org.junit.jupiter.api.Test;

/** The growth schedule at its boundaries: stable 4×4, then per doubling a linear fade-in and a stable phase. */
class GrowthScheduleTest {
    private static Stage stage(int r, double alpha) {
        return new Stage(r, alpha);
    }

    @Test
    void kimgMapToStagesAtEveryBoundary() {
        GrowthSchedule s = GrowthSchedule.ofKimg(32, 2, 3);   // F = 2000, S = 3000 images
        assertEquals(stage(4, 1), s.at(0));
        assertEquals(stage(4, 1), s.at(2999));
        assertEquals(stage(8, 0), s.at(3000), "the fade-in starts at alpha 0");
        assertEquals(stage(8, 0.5), s.at(4000));
        assertEquals(stage(8, 1999 / 2000.0), s.at(4999));
        assertEquals(stage(8, 1), s.at(5000), "then stable");
        assertEquals(stage(8, 1), s.at(7999));
        assertEquals(stage(16, 0), s.at(8000));
        assertEquals(stage(16, 0.25), s.at(8500));
        assertEquals(stage(16, 1), s.at(10000));
        assertEquals(stage(32, 0), s.at(13000));
        assertEquals(stage(32, 1), s.at(15000));
        assertEquals(15000, s.imagesToTarget());
        assertEquals(stage(32, 1), s.at(18000), "the last stable phase ends, the pair stays at the target");
        assertEquals(stage(32, 1), s.at(1_000_000_000L));
        assertEquals(List.of(4, 8, 16, 32), s.resolutions());
    }

    @Test
    void noFadeSwitchesAtOnceAndNoStablePhaseFadesBackToBack() {
        GrowthSchedule jump = new GrowthSchedule(16, 0, 100);
        assertEquals(stage(4, 1), jump.at(99));
        assertEquals(stage(8, 1), jump.at(100));
        assertEquals(stage(16, 1), jump.at(200));
        GrowthSchedule fades = new GrowthSchedule(16, 100, 0);
        assertEquals(stage(8, 0), fades.at(0));
        assertEquals(stage(8, 0.99), fades.at(99));
        assertEquals(stage(16, 0), fades.at(100));
        assertEquals(stage(16, 1), fades.at(200));
    }

    @Test
    void aTargetThatIsNotAPowerOfTwoOfAtLeastEightIsRefused() {
        for (int bad : new int[] {4, 28, 48}) {
            assertThrows(IllegalArgumentException.class, () -> new GrowthSchedule(bad, 1, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> new GrowthSchedule(32, -1, 1));
    }
}
