package org.gan4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.gan4j.io.AtomicFiles;

/**
 * Animated GIFs with the JDK's own GIF writer ({@code javax.imageio}), no extra dependency. Each
 * frame carries a Graphics Control Extension with its delay; the first frame also carries the
 * {@code NETSCAPE2.0} application extension with a loop count of 0, so viewers loop forever.
 * Frames that are not indexed are quantised by the writer (grayscale frames keep their levels).
 */
public final class GifWriter {
    /** Native metadata format of the JDK's GIF image metadata. */
    static final String FORMAT = "javax_imageio_gif_image_1.0";

    private GifWriter() {
    }

    /**
     * Writes {@code frames} as a looping animated GIF to {@code gif} (atomically).
     *
     * @param delayMs     how long each frame but the last is shown, in milliseconds (GIF stores hundredths)
     * @param lastDelayMs how long the last frame is shown before the loop starts again
     */
    public static void write(Path gif, List<BufferedImage> frames, int delayMs, int lastDelayMs) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        if (delayMs < 0 || lastDelayMs < 0) {
            throw new IllegalArgumentException("delays must not be negative, got " + delayMs + " and " + lastDelayMs);
        }
        AtomicFiles.write(gif, tmp -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
            if (!writers.hasNext()) {
                throw new IOException("this Java has no GIF writer");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage frame = frames.get(i);
                    int delay = i == frames.size() - 1 ? lastDelayMs : delayMs;
                    IIOMetadata meta = frameMetadata(writer, param, frame, delay, i == 0);
                    writer.writeToSequence(new IIOImage(frame, null, meta), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage frame,
            int delayMs, boolean loop) throws IIOInvalidTreeException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.round(delayMs / 10f)));
        control.setAttribute("transparentColorIndex", "0");

        if (loop) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 (little endian) = forever
            extensions.appendChild(netscape);
        }
        meta.setFromTree(FORMAT, root);
        return meta;
    }

    /** The child of {@code root} named {@code name}, created (and appended) when missing. */
    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
