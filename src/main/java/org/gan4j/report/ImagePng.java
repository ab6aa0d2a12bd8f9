package org.gan4j.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

/**
 * One image as a PNG file of its own size, without a grid's padding or enlargement: what
 * {@code gan4j upscale} writes. Pixels are bytes, planar C×H×W (as IDX files and
 * {@link org.gan4j.data.FolderDataset.Image} hold them); one channel gives a grayscale PNG, three an
 * RGB one. Written atomically.
 */
public final class ImagePng {
    private ImagePng() {
    }

    /** The image as a {@link BufferedImage#TYPE_BYTE_GRAY} (1 channel) or {@link BufferedImage#TYPE_INT_RGB} (3) image. */
    public static BufferedImage image(byte[] pixels, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("a PNG image here has 1 or 3 channels, not " + channels);
        }
        int plane = height * width;
        if (height < 1 || width < 1 || pixels.length != (long) channels * plane) {
            throw new IllegalArgumentException(channels + "x" + height + "x" + width + " needs " + (long) channels * plane
                    + " bytes, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int[] pixel = new int[channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    pixel[c] = pixels[c * plane + y * width + x] & 0xFF;
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return image;
    }

    /** Writes the image to {@code png} atomically. */
    public static void write(Path png, byte[] pixels, int channels, int height, int width) {
        Pictures.writePng(png, image(pixels, channels, height, width));
    }
}
