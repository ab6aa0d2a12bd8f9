package org.gan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.BadInputException;

/**
 * Fetches one file from a list of mirrors, verifying its SHA-256 (and any other published digest,
 * such as CIFAR-10's MD5) before it gets its final name.
 *
 * <p>The bytes go to {@code <file>.part}. A connection cut half-way leaves the part file in place
 * and the next attempt (in this run or a later one) asks for the rest with {@code Range: bytes=N-},
 * appending when the server answers 206 and starting over when it answers 200. Only a part file
 * whose digest matches is renamed to the final name, so a file with the final name is always
 * complete; one whose digest does not match is deleted, because resuming it could never succeed.
 */
public final class Downloader {
    /** Attempts per mirror while each attempt makes progress (a connection cut mid-file). */
    static final int ATTEMPTS = 4;
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;

    Downloader(HttpClient client) {
        this.client = client;
    }

    /**
     * Downloads {@code base + fileName} into {@code dir} (resumable, as every download here), accepting
     * it only when its SHA-256 starts with {@code sha256Prefix}: for files published with only a
     * digest prefix in their name, such as pytorch-fid's {@code pt_inception-2015-12-05-6726825d.pth}.
     *
     * @param sha256Prefix at least 8 hex digits
     * @throws IOException       the server could not be reached or did not serve the file (one-line message)
     * @throws BadInputException it served a file whose digest does not start with the prefix
     */
    public static Path fetchWithSha256Prefix(String fileName, URI base, String sha256Prefix, Path dir, Consumer<String> messages)
            throws IOException {
        if (!sha256Prefix.matches("[0-9a-fA-F]{8,64}")) {
            throw new IllegalArgumentException("a SHA-256 prefix needs 8 to 64 hex digits, got '" + sha256Prefix + "'");
        }
        return create().fetch(fileName, List.of(base), sha256Prefix, dir, messages);
    }

    /** A one-line reason for a failed download, for messages outside this package. */
    public static String reason(IOException e) {
        return describe(e);
    }

    static Downloader create() {
        return new Downloader(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .proxy(ProxySelector.getDefault())
                .build());
    }

    /**
     * Downloads {@code fileName} from the first mirror that serves it into {@code dir}.
     *
     * @param mirrors base URLs ending with '/', tried in order
     * @param sha256  expected SHA-256 (hex) of the file
     * @return the verified file
     * @throws IOException        no mirror could be reached or served the file; the message says why (one line)
     * @throws BadInputException  a mirror served a file whose digest does not match
     */
    Path fetch(String fileName, List<URI> mirrors, String sha256, Path dir, Consumer<String> messages) throws IOException {
        return fetch(fileName, mirrors, java.util.Collections.singletonMap("SHA-256", sha256), dir, messages);
    }

    /**
     * Downloads {@code fileName} as {@link #fetch(String, List, String, Path, Consumer)} does, accepting it
     * only when every digest in {@code digests} matches.
     *
     * @param digests expected digests (hex) by {@link MessageDigest} algorithm name ({@code SHA-256}, {@code MD5});
     *                checked in the map's iteration order, the first mismatch reported
     */
    Path fetch(String fileName, List<URI> mirrors, Map<String, String> digests, Path dir, Consumer<String> messages)
            throws IOException {
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("no digest to verify " + fileName + " against");
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName);
        Path part = dir.resolve(fileName + ".part");
        List<String> reasons = new java.util.ArrayList<>();
        for (URI base : mirrors) {
            URI uri = base.resolve(fileName);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                long before = Files.exists(part) ? Files.size(part) : 0;
                try {
                    transfer(uri, part, messages);
                    verifyAndRename(uri, part, target, digests);
                    return target;
                } catch (IOException e) {
                    long after = Files.exists(part) ? Files.size(part) : 0;
                    if (after <= before || e instanceof HttpStatusException || attempt == ATTEMPTS) {
                        reasons.add(uri + ": " + describe(e));
                        break; // no progress: this mirror is down or does not have the file
                    }
                    messages.accept("download of " + fileName + " interrupted at " + megabytes(after) + " ("
                            + describe(e) + "), resuming");
                }
            }
        }
        throw new IOException(reasons.isEmpty() ? "no mirror configured" : String.join("; ", reasons));
    }

    /** One HTTP request: appends to {@code part} (206) or rewrites it (200). */
    private void transfer(URI uri, Path part, Consumer<String> messages) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            boolean append;
            if (status == 206 && have > 0 && response.headers().firstValue("Content-Range")
                    .map(r -> r.startsWith("bytes " + have + "-")).orElse(false)) {
                append = true;
            } else if (status == 200) {
                append = false;
            } else if ((status == 416 || status == 206) && have > 0) {
                // the server cannot continue this part file (it is longer than the file, or the
                // range came back wrong): start again from nothing
                Files.delete(part);
                transfer(uri, part, messages);
                return;
            } else {
                throw new HttpStatusException(status);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long start = append ? have : 0;
            long total = length < 0 ? -1 : start + length;
            messages.accept((append ? "resuming " + uri + " at " + megabytes(start) : "downloading " + uri)
                    + (total < 0 ? "" : " (" + megabytes(total) + ")"));
            copy(body, part, append, start, total, uri, messages);
        }
    }

    private static void copy(InputStream body, Path part, boolean append, long start, long total, URI uri,
                             Consumer<String> messages) throws IOException {
        String name = Path.of(uri.getPath()).getFileName().toString();
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            long done = start;
            long nextReport = total > 0 ? nextTenth(done, total) : done + (10L << 20);
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                done += n;
                if (done >= nextReport && (total < 0 || done < total)) {
                    messages.accept("  " + name + ": " + (total > 0 ? (done * 10 / total) * 10 + "% of " + megabytes(total) : megabytes(done)));
                    nextReport = total > 0 ? nextTenth(done, total) : done + (10L << 20);
                }
            }
            if (total >= 0 && done < total) {
                throw new IOException("connection closed after " + done + " of " + total + " bytes");
            }
            messages.accept("  " + name + ": done (" + megabytes(done) + ")");
        }
    }

    /** The byte count at which the next whole 10% of {@code total} is reached. */
    private static long nextTenth(long done, long total) {
        long tenth = Math.max(1, total / 10);
        return (done / tenth + 1) * tenth;
    }

    private static void verifyAndRename(URI uri, Path part, Path target, Map<String, String> expected) throws IOException {
        Map<String, String> actual = digests(part, expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            // a full digest must match exactly; a shorter one (8+ hex digits, fetchWithSha256Prefix) is a prefix
            if (!actual.get(e.getKey()).startsWith(e.getValue().toLowerCase(Locale.ROOT))) {
                Files.deleteIfExists(part);
                throw new BadInputException("download of " + uri + " failed verification: " + e.getKey() + " "
                        + actual.get(e.getKey()) + ", expected " + e.getValue().toLowerCase(Locale.ROOT)
                        + " (the partial file was deleted)");
            }
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) throws IOException {
        return digests(file, List.of("SHA-256")).get("SHA-256");
    }

    /** The hex digests of {@code file} by algorithm, computed in one pass over it. */
    static Map<String, String> digests(Path file, java.util.Collection<String> algorithms) throws IOException {
        Map<String, MessageDigest> md = new LinkedHashMap<>();
        for (String a : algorithms) {
            try {
                md.put(a, MessageDigest.getInstance(a));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM provides SHA-256 and MD5, not " + a, e);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (MessageDigest d : md.values()) {
                    d.update(buffer, 0, n);
                }
            }
        }
        Map<String, String> hex = new LinkedHashMap<>();
        md.forEach((a, d) -> hex.put(a, HexFormat.of().formatHex(d.digest())));
        return hex;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A one-line reason for a failed request; the JDK leaves some messages null (connection refused). */
    static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "host not found";
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replaceAll("\\s+", " ").trim();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** The server answered, but not with the file (404, 500, ...): no point retrying this mirror. */
    static final class HttpStatusException extends IOException {
        HttpStatusException(int status) {
            super("HTTP " + status);
        }
    }
}
