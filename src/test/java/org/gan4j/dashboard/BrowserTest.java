package org.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page as a person sees it: headless Chromium loads it from a folder with one finished run, and
 * the DOM it leaves shows a chart (a uPlot canvas) per scalar group, the run ticked, the latest grid
 * and the progress. Skipped where Chromium is not installed ({@code apt-get install chromium}).
 */
class BrowserTest {
    @TempDir
    Path tmp;

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    @Test
    void chartsGridAndProgressShow() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "no chromium on this machine");
        try (DashboardServer server = DashboardServer.start(RunsFixture.create(tmp), "127.0.0.1", 0)) {
            String dom = dumpDom(chromium, server.url());
            Matcher charts = Pattern.compile("<div class=\"chart\"><h3>([^<]*)</h3>").matcher(dom);
            StringBuilder titles = new StringBuilder();
            while (charts.find()) {
                titles.append(charts.group(1)).append(';');
            }
            assertEquals("Losses;D outputs;Gradient norms;Others;", titles.toString(), "a chart per scalar group");
            assertEquals(4, count(dom, "<canvas"), "each chart drew on its canvas");
            assertTrue(dom.contains("ring8"), "the run is listed");
            assertTrue(dom.contains("src=\"/runs/ring8/samples/step-000300.png\""), "the latest grid is shown");
            assertTrue(dom.contains("step 300 of 300 (finished)"), "progress");
            assertTrue(dom.contains("<figcaption>traversal-c1.png</figcaption>") && dom.contains("<figcaption>loss.png</figcaption>"),
                    "the run's pictures are shown: " + dom);
        }
    }

    @Test
    void aCorruptMetricsFileIsShownAsAMessageAndTheOtherRunsStay() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "no chromium on this machine");
        Path runs = RunsFixture.create(tmp);
        Path bad = Files.createDirectories(runs.resolve("broken"));
        Files.writeString(bad.resolve("config.json"), "{\"config\": {\"model\": \"mlp\", \"dataset\": \"ring8\", \"steps\": 100}}");
        Files.writeString(bad.resolve("metrics.csv"), "");
        try (DashboardServer server = DashboardServer.start(runs, "127.0.0.1", 0)) {
            String dom = dumpDom(chromium, server.url() + "?runs=broken,ring8");
            assertTrue(dom.contains("<div class=\"error\">metrics.csv is empty (no header)</div>"), "the run list says why: " + dom);
            assertTrue(dom.contains("cannot show this run: metrics.csv"), "the progress of the run in focus says so");
            assertTrue(dom.contains("ring8"), "the other run is listed");
            assertEquals(4, count(dom, "<canvas"), "and its charts drawn");
        }
    }

    private String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
        Path out = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"),
                "--virtual-time-budget=5000", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);   // /usr/bin/chromium is a script: its browser too
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
