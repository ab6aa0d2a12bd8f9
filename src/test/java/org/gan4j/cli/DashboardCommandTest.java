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

    @Test
    void aMissingOrFileRunsFolderIsBadInput() throws Exception {
        CliRun missing = CliRun.of("dashboard", "--runs", tmp.resolve("nope").toString(), "--port", "0");
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing.toString());
        assertEquals("gan4j: error: --runs " + tmp.resolve("nope") + " does not exist", missing.firstErrorLine(), missing.toString());
        assertTrue(java.nio.file.Files.notExists(tmp.resolve("nope")), "not created");
        Path file = java.nio.file.Files.writeString(tmp.resolve("f.txt"), "x");
        CliRun notDir = CliRun.of("dashboard", "--runs", file.toString(), "--port", "0");
        assertEquals(ExitCodes.BAD_INPUT, notDir.exitCode(), notDir.toString());
        assertEquals("gan4j: error: --runs " + file + " is not a directory", notDir.firstErrorLine(), notDir.toString());
        assertEquals(1, notDir.err().lines().count(), notDir.toString());
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        for (String port : java.util.List.of("-1", "65536", "100000")) {
            CliRun r = CliRun.of("dashboard", "--runs", tmp.toString(), "--port", port);
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
            assertEquals("gan4j: error: --port " + port + " is out of range: use 1-65535, or 0 for any free port", r.firstErrorLine(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());

            Path out = tmp.resolve("runs" + port).resolve("x");
            CliRun t = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "5", "--out", out.toString(), "--dashboard", port);
            assertEquals(ExitCodes.BAD_INPUT, t.exitCode(), t.toString());
            assertEquals("gan4j: error: --dashboard " + port + " is out of range: use 1-65535, or 0 for any free port", t.firstErrorLine(), t.toString());
            assertTrue(java.nio.file.Files.notExists(out.getParent()), "train wrote nothing");
        }
        CliRun notANumber = CliRun.of("dashboard", "--runs", tmp.toString(), "--port", "http");
        assertEquals(ExitCodes.BAD_INPUT, notANumber.exitCode(), notANumber.toString());
    }

    @Test
    void aTakenPortFailsTheDashboardCommand() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun r = CliRun.of("dashboard", "--runs", tmp.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
            assertTrue(r.firstErrorLine().startsWith("gan4j: error: cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
        }
    }
}
