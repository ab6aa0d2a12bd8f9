package org.gan4j.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;

/**
 * The live dashboard: a read-only web server over a folder of run directories, and the stream of
 * events of the run this process trains (if any).
 *
 * <p>It is the JDK's own {@link HttpServer} ({@code jdk.httpserver}): a page, a few JSON endpoints
 * and one event stream need no web framework, and this adds no dependency (nor its CVEs) to a
 * training toolkit. The page and its chart library (uPlot, from its webjar) are served from the
 * classpath, so it works offline.
 *
 * <p>Endpoints, GET (and HEAD) only; any other method is answered 405:
 * <pre>
 *   /                                  the page
 *   /api/runs                          runs of the folder: name, model, step, total, state
 *   /api/runs/{name}/metrics[?since=S] metrics.csv as columns and rows (only rows after step S)
 *   /api/runs/{name}/config            config.json
 *   /api/runs/{name}/samples           steps of the sample grids
 *   /runs/{name}/samples/step-N.png    one grid
 *   /api/events                        Server-Sent Events of the run this process trains ({@link DashboardListener});
 *                                      204 when it trains none (the page then polls the folder)
 * </pre>
 *
 * <p>Security: it binds to 127.0.0.1 unless told otherwise; it has no authentication, so binding it
 * elsewhere shows the runs to whoever can reach the port. On loopback it answers only requests
 * whose {@code Host} is a loopback name (else 403), against DNS rebinding. It writes nothing. Every name from a URL
 * goes through {@link RunFolder}, which serves only files inside a run directory (no {@code ..},
 * encoded or not, no absolute paths, no symbolic links pointing out); a refused path is 404.
 */
public final class DashboardServer implements AutoCloseable {
    /** The default port of {@code gan4j dashboard} and {@code train --dashboard}. */
    public static final int DEFAULT_PORT = 8080;
    /** A run whose metrics.csv changed this recently and has steps left is shown as live. */
    private static final long LIVE_MILLIS = 60_000;
    private static final String RESOURCES = "/org/gan4j/dashboard/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunFolder folder;
    private final HttpServer http;
    private final ExecutorService threads;
    private final EventHub hub = new EventHub();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    /** Whether this process trains a run whose events it streams; without one /api/events is 204 (EventSource then stops asking). */
    private volatile boolean streaming;

    private DashboardServer(RunFolder folder, HttpServer http, ExecutorService threads) {
        this.folder = folder;
        this.http = http;
        this.threads = threads;
    }

    /**
     * Starts serving {@code runs} on {@code host:port} ({@code port} 0: any free port).
     *
     * @throws IOException when the address cannot be bound (e.g. the port is taken)
     */
    public static DashboardServer start(Path runs, String host, int port) throws IOException {
        if (!validPort(port)) {
            throw new IllegalArgumentException("port " + port + " is out of range: 1-65535, or 0 for any free port");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);   // first: a port taken leaves no folder behind
        RunFolder folder;
        try {
            folder = new RunFolder(runs);
        } catch (IllegalArgumentException e) {
            http.stop(0);
            throw new IOException(e.getMessage(), e);
        }
        // Daemon threads: a dashboard never keeps the JVM alive. Event streams hold one each
        // (EventHub.MAX_CLIENTS), the rest answer requests.
        ExecutorService threads = Executors.newFixedThreadPool(EventHub.MAX_CLIENTS + 4, r -> {
            Thread t = new Thread(r, "gan4j-dashboard");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        DashboardServer server = new DashboardServer(folder, http, threads);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /** Whether {@code port} may be asked for: 1-65535, or 0 for any free port. */
    public static boolean validPort(int port) {
        return port >= 0 && port <= 65535;
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The page's address. */
    public String url() {
        String host = http.getAddress().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** A listener feeding this server's event stream with the events of run {@code runDir} (a run of its folder). */
    public DashboardListener listener(Path runDir) {
        streaming = true;
        return new DashboardListener(this, runDir.getFileName().toString());
    }

    EventHub hub() {
        return hub;
    }

    void live(String run, boolean isLive) {
        if (isLive) {
            live.add(run);
        } else {
            live.remove(run);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
                send(ex, 403, "text/plain", "unknown Host\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            List<String> path = segments(ex.getRequestURI().getRawPath());
            if (path == null) {
                notFound(ex);
                return;
            }
            route(ex, path);
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain", (e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Bound to loopback, only requests naming a loopback host are answered: a web page elsewhere
     * cannot point its own name at 127.0.0.1 (DNS rebinding) and read the runs through the browser.
     */
    boolean hostAllowed(String hostHeader) {
        if (!http.getAddress().getAddress().isLoopbackAddress()) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            h = h.substring(0, h.indexOf(']') + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]");
    }

    /** The decoded segments of a raw path; null when a segment is empty (an absolute path inside the URL) or not a safe name. */
    static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (rawPath.equals("/")) {
            return out;
        }
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String s;
            try {
                s = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!RunFolder.safeName(s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private void route(HttpExchange ex, List<String> p) throws IOException {
        int n = p.size();
        if (n == 0) {
            resource(ex, RESOURCES + "index.html", "text/html; charset=utf-8");
        } else if (n == 1 && p.get(0).equals("dashboard.js")) {
            resource(ex, RESOURCES + "dashboard.js", "text/javascript; charset=utf-8");
        } else if (n == 2 && p.get(0).equals("uplot") && p.get(1).equals("uPlot.iife.min.js")) {
            resource(ex, UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        } else if (n == 2 && p.get(0).equals("uplot") && p.get(1).equals("uPlot.min.css")) {
            resource(ex, UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
        } else if (n == 2 && p.get(0).equals("api") && p.get(1).equals("runs")) {
            json(ex, runs());
        } else if (n == 2 && p.get(0).equals("api") && p.get(1).equals("events")) {
            events(ex);
        } else if (n == 4 && p.get(0).equals("api") && p.get(1).equals("runs")) {
            String run = p.get(2);
            if (folder.run(run).isEmpty()) {
                notFound(ex);
                return;
            }
            switch (p.get(3)) {
                case "metrics" -> json(ex, metrics(run, since(ex.getRequestURI().getRawQuery())));
                case "config" -> file(ex, folder.file(run, "config.json"), "application/json");
                case "samples" -> {
                    ObjectNode o = JSON.createObjectNode();
                    ArrayNode steps = o.putArray("steps");
                    folder.gridSteps(run).forEach(steps::add);
                    json(ex, o);
                }
                case "pictures" -> {
                    ArrayNode list = JSON.createArrayNode();
                    folder.pictures(run).forEach((name, modified) -> list.addObject().put("name", name).put("modified", modified));
                    json(ex, list);
                }
                default -> notFound(ex);
            }
        } else if (n == 4 && p.get(0).equals("runs") && p.get(2).equals("samples") && RunFolder.GRID.matcher(p.get(3)).matches()) {
            file(ex, folder.file(p.get(1), "samples", p.get(3)), "image/png");
        } else if (n == 3 && p.get(0).equals("runs") && RunFolder.PICTURE.matcher(p.get(2)).matches()) {
            file(ex, folder.file(p.get(1), p.get(2)), "image/png");
        } else {
            notFound(ex);
        }
    }

    private static long since(String query) {
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("since=")) {
                    try {
                        return Long.parseLong(kv.substring(6));
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    private ArrayNode runs() {
        ArrayNode out = JSON.createArrayNode();
        for (String name : folder.runs()) {
            Path dir = folder.run(name).orElse(null);
            if (dir == null) {
                continue;
            }
            ObjectNode r = out.addObject();
            r.put("name", name);
            JsonNode config = readJson(folder.file(name, "config.json"));
            JsonNode keys = config == null ? null : config.path("config");
            r.put("model", keys == null ? null : keys.path("model").asText(null));
            r.put("dataset", keys == null ? null : keys.path("dataset").asText(null));
            long total = keys == null ? 0 : keys.path("steps").asLong(0);
            r.put("total", total);
            Optional<Path> csv = folder.file(name, "metrics.csv");
            long step = 0;
            long modified = 0;
            if (csv.isPresent()) {
                String error = quickCheck(csv.get());
                if (error != null) {
                    r.put("error", error);
                }
                step = lastStep(csv.get());
                try {
                    modified = Files.getLastModifiedTime(csv.get()).toMillis();
                } catch (IOException e) {
                    modified = 0;
                }
            }
            r.put("step", step);
            String state;
            if (live.contains(name)) {
                state = "live";
            } else if (total > 0 && step >= total) {
                state = "finished";
            } else if (System.currentTimeMillis() - modified < LIVE_MILLIS) {
                state = "live";
            } else {
                state = "stopped";
            }
            r.put("state", state);
        }
        return out;
    }

    private ObjectNode metrics(String run, long since) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode columns = o.putArray("columns");
        ArrayNode rows = o.putArray("rows");
        Optional<Path> csv = folder.file(run, "metrics.csv");
        if (csv.isEmpty()) {
            return o;
        }
        MetricsTable t;
        try {
            t = MetricsLog.read(csv.get());
        } catch (RuntimeException e) {
            // an empty or corrupt file: the page shows why instead of a curve; the message names no path of this machine
            o.put("error", String.valueOf(e.getMessage()).replace(csv.get().toString(), "metrics.csv"));
            return o;
        }
        t.columns().forEach(columns::add);
        for (double[] row : t.rows()) {
            if (row[0] <= since) {
                continue;
            }
            ArrayNode r = rows.addArray();
            r.add((long) row[0]);
            for (int i = 1; i < row.length; i++) {
                double v = row[i];
                if (Double.isFinite(v)) {
                    r.add(v);
                } else {
                    r.addNull();
                }
            }
        }
        return o;
    }

    /** The step of the last complete row of a metrics file (0 when none), from its tail only: polled often, files grow long. */
    static long lastStep(Path csv) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(csv)) {
            long size = ch.size();
            int n = (int) Math.min(size, 8192);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
            ch.position(size - n);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the whole tail
            }
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            int end = tail.lastIndexOf('\n');            // an unfinished last line is not a row yet
            if (end < 0) {
                return 0;
            }
            int start = tail.lastIndexOf('\n', end - 1) + 1;
            String line = tail.substring(start, end);
            int comma = line.indexOf(',');
            return Long.parseLong((comma < 0 ? line : line.substring(0, comma)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;                                      // no rows yet (the header), or unreadable
        }
    }

    /**
     * Why a run's metrics.csv cannot be shown, from its head and tail only (the list is polled often, files grow
     * long), or null when it looks sound. The trainer writes the header when it creates the file, so an empty file is
     * never a run starting. A bad row in the middle is found by {@code /metrics}, which reads all of it.
     */
    static String quickCheck(Path csv) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(csv)) {
            long size = ch.size();
            if (size == 0) {
                return "metrics.csv is empty (no header)";
            }
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate((int) Math.min(size, 4096));
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // read the head
            }
            String text = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").strip();
            if (!first.equals("step") && !first.startsWith("step,")) {
                return "metrics.csv has no header starting with 'step'";
            }
            int nl = text.indexOf('\n');
            if (nl >= 0 && nl + 1 < size && lastRowBad(csv)) {    // rows follow the header: the last must start with a step
                return "metrics.csv: its last row does not start with a step";
            }
            return null;
        } catch (IOException e) {
            return "metrics.csv cannot be read";
        }
    }

    /** Whether the last line after the header is complete and not a number (lastStep's 0 for a bad row, not an unfinished one). */
    private static boolean lastRowBad(Path csv) throws IOException {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(csv)) {
            long size = ch.size();
            int n = (int) Math.min(size, 8192);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
            ch.position(size - n);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the tail
            }
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            int end = tail.lastIndexOf('\n');
            if (end < 0) {
                return false;
            }
            int start = tail.lastIndexOf('\n', end - 1) + 1;
            String line = tail.substring(start, end).strip();
            if (start == 0 && size <= n || line.equals("step") || line.startsWith("step,")) {
                return false;                              // the header itself
            }
            String field = line.indexOf(',') < 0 ? line : line.substring(0, line.indexOf(','));
            try {
                Long.parseLong(field.strip());
                return false;
            } catch (NumberFormatException e) {
                return true;
            }
        }
    }

    private static JsonNode readJson(Optional<Path> file) {
        if (file.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(file.get().toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private void events(HttpExchange ex) throws IOException {
        if (!streaming || ex.getRequestMethod().equals("HEAD")) {
            send(ex, streaming ? 200 : 204, "text/event-stream", new byte[0]);
            return;
        }
        EventHub.Client client = hub.connect();
        if (client == null) {
            send(ex, 503, "text/plain", "too many event streams\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(": gan4j\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                byte[] frame = client.next(15_000);
                // a comment line when idle: finds closed pages (the write fails) and keeps proxies from timing out
                out.write(frame != null ? frame : ":\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the page went away, or the server stops
        } finally {
            hub.disconnect(client);
        }
    }

    private static void resource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                notFound(ex);
                return;
            }
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private static void file(HttpExchange ex, Optional<Path> file, String type) throws IOException {
        if (file.isEmpty()) {
            notFound(ex);
            return;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file.get());
        } catch (IOException e) {
            notFound(ex);
            return;
        }
        send(ex, 200, type, body);
    }

    private static void json(HttpExchange ex, JsonNode node) throws IOException {
        send(ex, 200, "application/json", JSON.writeValueAsBytes(node));
    }

    private static void notFound(HttpExchange ex) throws IOException {
        send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }
}
