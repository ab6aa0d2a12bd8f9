package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drawing half of figure 1, on hand-made curves: no run, no libtorch. */
class Figure1ChartTest {
    private static Figure1Chart.Snapshot snapshot(long step, double peak) {
        double[] x = {0.5, 1.5, 2.5, 3.5};
        return new Figure1Chart.Snapshot(step, x, new double[] {0.1, 0.4, 0.4, 0.1}, new double[] {0, peak, 0.2, 0},
                new double[] {0.9, 0.6, 0.4, 0.1}, 1.0);
    }

    @Test
    void theYRangeHoldsDAndTheHighestDensityPlusFivePercent() {
        assertEquals(1.05, Figure1Chart.yMax(List.of(snapshot(0, 0.3))), 1e-12);
        assertEquals(1.05 * 2.4, Figure1Chart.yMax(List.of(snapshot(0, 0.3), snapshot(5, 2.4))), 1e-12);
    }

    @Test
    void panelsFillRowsOfAtMostThree() {
        List<Figure1Chart.Snapshot> four = List.of(snapshot(0, 1), snapshot(1, 1), snapshot(2, 1), snapshot(3, 1));
        BufferedImage image = Figure1Chart.panelImage(four, 3, 1.05);
        assertEquals(3 * Figure1Chart.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * Figure1Chart.PANEL_HEIGHT, image.getHeight());
        BufferedImage two = Figure1Chart.panelImage(four.subList(0, 2), 3, 1.05);
        assertEquals(2 * Figure1Chart.PANEL_WIDTH, two.getWidth());
        assertEquals(Figure1Chart.PANEL_HEIGHT, two.getHeight());
    }
}
