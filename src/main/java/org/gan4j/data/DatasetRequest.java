package org.gan4j.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a caller asks of a named dataset.
 *
 * @param name      registered name: {@code mnist}, {@code fashion-mnist}, {@code folder}, {@code ring8}, ...
 * @param split     train or test
 * @param dataDir   an explicit directory ({@code --data DIR}); null to search the usual places
 * @param imageSize side of the square images: a {@code folder} dataset's are resized and cropped to it, a
 *                  fixed-size dataset's are padded with background to it when it is larger than their own
 *                  ({@code fashion-mnist} and {@code mnist}: 28 or 32; {@link ImageSides}); 0 keeps the dataset's own size
 * @param channels  1 (grayscale) or 3 (RGB) for {@code folder}; 0 = decide from the images
 * @param strict    fail on the first unreadable file instead of skipping it with a warning
 * @param download  allow downloading a missing named dataset from its canonical mirrors
 * @param messages  where progress and warnings go (one line each)
 */
public record DatasetRequest(String name, Split split, Path dataDir, int imageSize, int channels,
                             boolean strict, boolean download, Consumer<String> messages) {
    public static DatasetRequest of(String name) {
        return new DatasetRequest(name, Split.TRAIN, null, 0, 0, false, true, m -> { });
    }

    public DatasetRequest withSplit(Split s) {
        return new DatasetRequest(name, s, dataDir, imageSize, channels, strict, download, messages);
    }

    public DatasetRequest withDataDir(Path dir) {
        return new DatasetRequest(name, split, dir, imageSize, channels, strict, download, messages);
    }

    public DatasetRequest withDownload(boolean allowed) {
        return new DatasetRequest(name, split, dataDir, imageSize, channels, strict, allowed, messages);
    }

    public DatasetRequest withMessages(Consumer<String> sink) {
        return new DatasetRequest(name, split, dataDir, imageSize, channels, strict, download, sink);
    }

    public DatasetRequest withImage(int size, int channelCount) {
        return new DatasetRequest(name, split, dataDir, size, channelCount, strict, download, messages);
    }

    public DatasetRequest withStrict(boolean s) {
        return new DatasetRequest(name, split, dataDir, imageSize, channels, s, download, messages);
    }
}
