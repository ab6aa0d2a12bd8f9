package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.gan4j.dashboard.DashboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashboardCommandTest {
    @TempDir
    Path tmp;

    @Test
    void dashboardDefaultsToLoopbackAndItsPort() {
        DashboardCommand cmd = new DashboardCommand();
        new CommandLine(cmd).parseArgs("--runs", "r");
        assertEquals(Path.of("r"), cmd.runs);
        assertEquals(DashboardServer.DEFAULT_PORT, cmd.port);
        assertEquals("127.0.0.1", cmd.host);
        new CommandLine(cmd).parseArgs("--runs", "r", "--port", "9001", "--host", "0.0.0.0");
        assertEquals(9001, cmd.port);
        assertEquals("0.0.0.0", cmd.host);
    }

    @Test
    void trainTakesTheDashboardPortOptionally() {
        assertNull(TrainCommandTest.parse("--steps", "5").dashboardPort);
        assertEquals(DashboardServer.DEFAULT_PORT, TrainCommandTest.parse("--dashboard", "--steps", "5").dashboardPort);
        assertEquals(9002, TrainCommandTest.parse("--dashboard", "9002").dashboardPort);
        assertEquals("127.0.0.1", TrainCommandTest.parse("--dashboard").dashboardHost);
        assertEquals("x", TrainCommandTest.parse("--dashboard", "--out", "x").flags().run().out());
    }

    @Test
    void aTakenPortFailsTrainBeforeItWritesAnything() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path out = tmp.resolve("runs").resolve("x");
            CliRun r = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "5", "--out", out.toString(),
                    "--dashboard", String.valueOf(taken.getLocalPort()));
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
            assertTrue(r.firstErrorLine().contains("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()), r.toString());
            assertTrue(java.nio.file.Files.notExists(tmp.resolve("runs")), "nothing written");
        }
    }

    @Test
    void anotherAddressIsWarnedAbout() {
        StringWriter err = new StringWriter();
        try (DashboardServer s = DashboardCommand.open(tmp, "127.0.0.1", 0, new PrintWriter(err, true))) {
            assertEquals("", err.toString());
        }
        try (DashboardServer s = DashboardCommand.open(tmp, "0.0.0.0", 0, new PrintWriter(err, true))) {
            assertTrue(err.toString().startsWith("warning: the dashboard listens on 0.0.0.0"), err.toString());
        }
    }
}
