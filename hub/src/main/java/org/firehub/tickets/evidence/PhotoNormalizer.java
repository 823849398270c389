package org.firehub.tickets.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an upload into a photo fit to keep and serve: sniffed by magic bytes, dimensions read
 * from the header and checked before any pixel is decoded (decompression bombs), decoded, and
 * re-encoded as a fresh JPEG. Re-encoding drops every metadata segment (EXIF with GPS position,
 * camera serials, comments) and anything smuggled after the image data (polyglot files): what
 * is served is only pixels the hub wrote itself. Blocking and CPU-heavy: run on a worker.
 */
final class PhotoNormalizer {
    private static final float QUALITY = 0.85f;

    static {
        // Decode in memory: no temp files in the JVM's tmp dir for every upload.
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;

    PhotoNormalizer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    NormalizedPhoto normalize(byte[] upload) {
        String type = ImageSniffer.sniff(upload).orElseThrow(() -> new PhotoRejection(PhotoRefused.NOT_AN_IMAGE,
                "not a JPEG or PNG image (judged by its content, not its name or Content-Type)"));
        BufferedImage decoded = decode(upload, type);
        BufferedImage image = "image/jpeg".equals(type) ? ExifOrientation.apply(decoded, ExifOrientation.of(upload)) : decoded;
        byte[] jpeg = encode(opaque(image));
        return new NormalizedPhoto(jpeg, type, image.getWidth(), image.getHeight(), sha256(jpeg));
    }

    private BufferedImage decode(byte[] upload, String type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) throw new IllegalStateException("no ImageIO reader for " + type);
        ImageReader reader = readers.next();
        // A truncated JPEG decodes "successfully" with a grey bottom and only a warning: a warning refuses it.
        AtomicReference<String> warning = new AtomicReference<>();
        reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > maxPixels) {
                throw new PhotoRejection(PhotoRefused.TOO_MANY_PIXELS, "image of " + width + " x " + height + " pixels; at most "
                        + maxPixels / 1_000_000 + " megapixels are accepted");
            }
            BufferedImage image = reader.read(0);
            if (warning.get() != null) throw unreadable(warning.get());
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PhotoRejection rejection) throw rejection;
            throw unreadable(e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static PhotoRejection unreadable(String why) {
        return new PhotoRejection(PhotoRefused.UNREADABLE, "the image cannot be decoded (" + (why == null ? "corrupt" : why) + ")");
    }

    /** JPEG has no alpha: transparent PNG areas become white, as they look on a page. */
    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_INT_RGB) return image;
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            // No metadata argument: the writer emits a bare JFIF header, nothing of the upload's.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("encoding JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
