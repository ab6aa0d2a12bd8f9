package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    private static final String HEADER = "step,d_loss,g_loss,d_real,d_fake,grad_norm_d,grad_norm_g,images_per_s";

    @TempDir
    Path dir;

    @Test
    void newFileHasTheHeaderAndRowsArriveOnlyAtFlush() throws IOException {
        Path csv = dir.resolve("run/metrics.csv");
        MetricsLog log = MetricsLog.open(csv, List.of(), -1);
        assertEquals(HEADER + "\n", Files.readString(csv));
        log.append(10, 1.386294, 0.693147, 0.5, 0.5, 3.25, 1.5, 1234.5678);
        assertEquals(HEADER + "\n", Files.readString(csv), "buffered until flush");
        log.flush();
        assertEquals(HEADER + "\n10,1.38629,0.693147,0.5,0.5,3.25,1.5,1234.57\n", Files.readString(csv));
        log.flush(); // nothing buffered: nothing written
        assertEquals(2, Files.readAllLines(csv).size());
    }

    @Test
    void roundTripKeepsSixSignificantDigitsAndNaN() {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, List.of("fid"), -1)) {
            assertEquals(HEADER + ",fid", String.join(",", log.columns()));
            log.append(0, 0.1234567, 2.5e-7, 1, 0, Double.NaN, Double.POSITIVE_INFINITY, 12345678.9, Double.NaN);
            log.append(100, -3.5, 1e12, 0.25, 0.75, 0, 1, 2, 45.678912);
        }
        MetricsTable table = MetricsLog.read(csv);
        assertEquals(9, table.columns().size());
        assertEquals("fid", table.columns().get(8));
        assertEquals(2, table.size());
        assertArrayEquals(new double[] {0, 100}, table.column("step"));
        assertArrayEquals(new double[] {0.123457, -3.5}, table.column("d_loss"), 1e-12);
        assertArrayEquals(new double[] {2.5e-7, 1e12}, table.column("g_loss"), 1e-15);
        assertTrue(Double.isNaN(table.column("grad_norm_d")[0]));
        assertEquals(Double.POSITIVE_INFINITY, table.column("grad_norm_g")[0]);
        assertArrayEquals(new double[] {12345700, 2}, table.column("images_per_s"), 1e-6);
        assertTrue(Double.isNaN(table.column("fid")[0]));
        assertEquals(45.6789, table.column("fid")[1], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> table.column("is"));
    }

    @Test
    void formatIsCompactAndLocaleIndependent() {
        assertEquals("1", MetricsLog.format(1.0));
        assertEquals("0", MetricsLog.format(0.0));
        assertEquals("0.693147", MetricsLog.format(Math.log(2)));
        assertEquals("2.5e-05", MetricsLog.format(2.5e-5));
        assertEquals("-1.5e+12", MetricsLog.format(-1.5e12));
        assertEquals("nan", MetricsLog.format(Double.NaN));
        assertEquals("-inf", MetricsLog.format(Double.NEGATIVE_INFINITY));
        assertEquals(-1.5e12, MetricsLog.parseValue("-1.5e+12"));
        assertTrue(Double.isNaN(MetricsLog.parseValue("")));
    }

    @Test
    void resumeKeepsOnlyRowsUpToTheCheckpointStep() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, List.of(), -1)) {
            for (long step = 100; step <= 500; step += 100) {
                log.append(step, step, 1, 0.5, 0.5, 1, 1, 10);
            }
        }
        // the run crashed after logging step 500; its last checkpoint was step 300
        MetricsLog resumed = MetricsLog.open(csv, List.of(), 300);
        assertArrayEquals(new double[] {100, 200, 300}, MetricsLog.read(csv).column("step"));
        assertThrows(IllegalArgumentException.class, () -> resumed.append(300, 0, 0, 0, 0, 0, 0, 0),
                "a step already in the file");
        resumed.append(400, 4, 1, 0.5, 0.5, 1, 1, 10);
        resumed.flush();
        MetricsTable table = MetricsLog.read(csv);
        assertArrayEquals(new double[] {100, 200, 300, 400}, table.column("step"));
        assertArrayEquals(new double[] {100, 200, 300, 4}, table.column("d_loss"));

        // resuming from a step after the last row keeps everything
        MetricsLog.open(csv, List.of(), 10_000);
        assertEquals(4, MetricsLog.read(csv).size());
        // resuming from step 0 keeps no row of these
        MetricsLog.open(csv, List.of(), 0);
        assertEquals(0, MetricsLog.read(csv).size());
        assertEquals(HEADER + "\n", Files.readString(csv));
    }

    @Test
    void resumeDropsAnUnfinishedLastLine() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, HEADER + "\n1,1,1,1,1,1,1,1\n2,2,2,2,2,2,2,2\n3,3,3", StandardCharsets.UTF_8);
        assertEquals(2, MetricsLog.read(csv).size());
        MetricsLog.open(csv, List.of(), 5).close();
        assertEquals(HEADER + "\n1,1,1,1,1,1,1,1\n2,2,2,2,2,2,2,2\n", Files.readString(csv));
    }

    @Test
    void aNewRunReplacesAnOldFile() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "step,other\n1,2\n");
        MetricsLog.open(csv, List.of(), -1);
        assertEquals(HEADER + "\n", Files.readString(csv));
    }

    @Test
    void resumeWithADifferentHeaderFailsNamingTheFile() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        MetricsLog.open(csv, List.of(), -1).close();
        BadInputException e = assertThrows(BadInputException.class, () -> MetricsLog.open(csv, List.of("fid"), 10));
        assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
        assertEquals(HEADER + "\n", Files.readString(csv), "the file is left as it was");
    }

    @Test
    void malformedRowsAndMissingFilesAreBadInput() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, HEADER + "\n1,1,1,1,1,1,1,1\n2,oops,2,2,2,2,2,2\n3,3,3,3,3,3,3,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> MetricsLog.read(csv));
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        assertThrows(BadInputException.class, () -> MetricsLog.read(dir.resolve("absent.csv")));
        Files.writeString(csv, "");
        assertThrows(BadInputException.class, () -> MetricsLog.read(csv));
    }

    @Test
    void rowsMustMatchTheColumnsAndColumnNamesMustBeClean() {
        MetricsLog log = MetricsLog.open(dir.resolve("metrics.csv"), List.of("fid"), -1);
        assertThrows(IllegalArgumentException.class, () -> log.append(1, 1, 2, 3, 4, 5, 6, 7));
        assertThrows(IllegalArgumentException.class, () -> log.append(1, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        log.append(1, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThrows(IllegalArgumentException.class, () -> log.append(1, 1, 2, 3, 4, 5, 6, 7, 8));
        Path other = dir.resolve("other.csv");
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.open(other, List.of("d_loss"), -1));
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.open(other, List.of("a,b"), -1));
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.open(other, List.of("fid", "fid"), -1));
    }
}
