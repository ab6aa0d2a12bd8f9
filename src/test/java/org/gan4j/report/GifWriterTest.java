package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GifWriterTest {
    @TempDir
    Path tmp;

    /** What a GIF holds, read back with the JDK's reader. */
    record Gif(int frames, List<int[]> sizes, List<Integer> delays, boolean loopsForever, BufferedImage first) {
        static Gif read(Path file) throws Exception {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                reader.setInput(in);
                int n = reader.getNumImages(true);
                List<int[]> sizes = new ArrayList<>();
                List<Integer> delays = new ArrayList<>();
                boolean loop = false;
                for (int i = 0; i < n; i++) {
                    sizes.add(new int[] {reader.getWidth(i), reader.getHeight(i)});
                    IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree(GifWriter.FORMAT);
                    NodeList control = root.getElementsByTagName("GraphicControlExtension");
                    delays.add(Integer.parseInt(((Element) control.item(0)).getAttribute("delayTime")));
                    NodeList apps = root.getElementsByTagName("ApplicationExtension");
                    for (int a = 0; a < apps.getLength(); a++) {
                        IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
                        byte[] data = (byte[]) app.getUserObject();
                        if ("NETSCAPE".equals(app.getAttribute("applicationID"))
                                && "2.0".equals(app.getAttribute("authenticationCode"))
                                && data.length == 3 && data[0] == 1 && data[1] == 0 && data[2] == 0) {
                            loop = true;
                        }
                    }
                }
                BufferedImage first = reader.read(0);
                reader.dispose();
                return new Gif(n, sizes, delays, loop, first);
            }
        }
    }

    static BufferedImage gray(int w, int h, int level) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.getRaster().setSample(x, y, 0, level);
            }
        }
        return im;
    }

    @Test
    void roundTripKeepsFramesSizesDelaysAndLoops() throws Exception {
        List<BufferedImage> frames = List.of(gray(40, 30, 0), gray(40, 30, 100), gray(40, 30, 200), gray(40, 30, 255));
        Path gif = tmp.resolve("sub/anim.gif");
        GifWriter.write(gif, frames, 200, 1500);

        Gif read = Gif.read(gif);
        assertEquals(4, read.frames());
        for (int[] size : read.sizes()) {
            assertEquals(40, size[0]);
            assertEquals(30, size[1]);
        }
        assertEquals(List.of(20, 20, 20, 150), read.delays(), "hundredths of a second; the last frame held");
        assertTrue(read.loopsForever(), "NETSCAPE2.0 loop extension with count 0");
        int level = read.first().getRGB(5, 5) & 0xFF;
        assertEquals(0, level, "the first frame's gray level survives");
        assertTrue(Files.list(tmp.resolve("sub")).allMatch(p -> p.getFileName().toString().equals("anim.gif")),
                "no temporary file left behind");
        assertTrue(ImageIO.read(new File(gif.toString())) != null, "readable as a plain image too");
    }

    @Test
    void rejectsNoFramesAndNegativeDelays() {
        assertThrows(IllegalArgumentException.class, () -> GifWriter.write(tmp.resolve("a.gif"), List.of(), 100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> GifWriter.write(tmp.resolve("a.gif"), List.of(gray(2, 2, 0)), -1, 100));
        assertTrue(Files.notExists(tmp.resolve("a.gif")));
    }
}
