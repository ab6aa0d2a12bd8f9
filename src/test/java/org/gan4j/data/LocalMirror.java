package org.gan4j.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mirror on 127.0.0.1 for download tests: serves the files it is given, honours
 * {@code Range: bytes=N-} with 206, and can cut the connection half-way through a file once.
 */
final class LocalMirror implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Names whose next full (non-range) response stops after half the bytes. */
    final Set<String> cutOnce = ConcurrentHashMap.newKeySet();
    /** "name range" for every request, range "-" when absent. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean honourRanges = true;
    private final HttpServer server;

    LocalMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(name + " " + (range == null ? "-" : range));
            byte[] body = files.get(name);
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if (range != null && honourRanges) {
                    int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                    exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                    exchange.sendResponseHeaders(206, body.length - from);
                    exchange.getResponseBody().write(body, from, body.length - from);
                } else if (cutOnce.remove(name)) {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new IOException("cutting the connection on purpose");
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    /** A base URL on which nothing listens: the port was free a moment ago. */
    static URI unreachable() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/data/");
        }
    }

    List<String> requestsFor(String name) {
        return requests.stream().filter(r -> r.startsWith(name + " ")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
