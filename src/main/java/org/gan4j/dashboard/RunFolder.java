package org.gan4j.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of runs the dashboard shows, and the only way its handlers reach a file: every name
 * from a URL is checked here before it touches the file system.
 *
 * <p>A run is a direct sub-directory holding {@code config.json}. A name is one path segment of
 * letters, digits, {@code . _ -} and never {@code .} or {@code ..}; a resolved file must have a real
 * path ({@link Path#toRealPath}, symbolic links followed) inside the real path of its run, and a
 * run's inside the real folder, so a link pointing out of a run directory is refused like a
 * {@code ..}. Refusals are {@link Optional#empty()}, which the server answers with 404.
 */
final class RunFolder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** The file names of sample grids ({@code RunDirectory.sampleGrid}). */
    static final Pattern GRID = Pattern.compile("step-(\\d{6,12})\\.png");

    /**
     * The pictures a run keeps at its top level besides the grids: the loss plot, InfoGAN's traversals,
     * a growing network's growth picture, a style generator's mixing grid, anything a family adds.
     */
    static final Pattern PICTURE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,195}\\.png");

    private final Path root;

    RunFolder(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("runs folder " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** Whether {@code name} may name a run or a file: one safe path segment. */
    static boolean safeName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** The real directory of run {@code name}, when it is a run inside this folder. */
    Optional<Path> run(String name) {
        if (!safeName(name)) {
            return Optional.empty();
        }
        Path real = real(root.resolve(name));
        if (real == null || !real.getParent().equals(root) || !Files.isRegularFile(real.resolve("config.json"))) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** A regular file of run {@code name} at {@code segments} (each a safe name), when it is inside that run. */
    Optional<Path> file(String name, String... segments) {
        Optional<Path> run = run(name);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Path p = run.get();
        for (String s : segments) {
            if (!safeName(s)) {
                return Optional.empty();
            }
            p = p.resolve(s);
        }
        Path real = real(p);
        if (real == null || !real.startsWith(run.get()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** The names of the runs in the folder, sorted. */
    List<String> runs() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (run(n).isPresent()) {
                    names.add(n);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /** The steps of run {@code name}'s sample grids that lie inside the run, ascending. */
    List<Long> gridSteps(String name) {
        List<Long> steps = new ArrayList<>();
        Optional<Path> run = run(name);
        if (run.isEmpty() || !Files.isDirectory(run.get().resolve("samples"))) {
            return steps;
        }
        try (Stream<Path> s = Files.list(run.get().resolve("samples"))) {
            s.forEach(p -> {
                var m = GRID.matcher(p.getFileName().toString());
                if (m.matches() && file(name, "samples", p.getFileName().toString()).isPresent()) {
                    steps.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            return steps;
        }
        steps.sort(null);
        return steps;
    }

    /**
     * Run {@code name}'s top-level pictures ({@link #PICTURE}) that lie inside the run, by name, with their
     * modification time in milliseconds (so the page reloads a picture that was rewritten).
     */
    java.util.SortedMap<String, Long> pictures(String name) {
        java.util.SortedMap<String, Long> pictures = new java.util.TreeMap<>();
        Optional<Path> run = run(name);
        if (run.isEmpty()) {
            return pictures;
        }
        try (Stream<Path> s = Files.list(run.get())) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                Optional<Path> file = PICTURE.matcher(n).matches() ? file(name, n) : Optional.empty();
                if (file.isPresent()) {
                    try {
                        pictures.put(n, Files.getLastModifiedTime(file.get()).toMillis());
                    } catch (IOException e) {
                        // gone while listing: leave it out
                    }
                }
            });
        } catch (IOException e) {
            return pictures;
        }
        return pictures;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
