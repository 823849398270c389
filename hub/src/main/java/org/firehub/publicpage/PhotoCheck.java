package org.firehub.publicpage;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A resident's photo is untrusted bytes: it must start like a JPEG or PNG (content sniffing, not
 * the declared type or file name), declare at most {@link #MAX_PIXELS} pixels (a decompression
 * bomb is refused before decoding), decode, and is then re-encoded as a fresh JPEG, which drops
 * EXIF (a resident's phone may write GPS and owner name there) and anything smuggled after the
 * image. Blocking and CPU-heavy: call it off the event loop.
 */
final class PhotoCheck {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** 25 MP: every phone camera's default; decoding takes ~100 MB of heap, bounded by the worker pool. */
    static final long MAX_PIXELS = 25_000_000L;

    private PhotoCheck() {}

    static byte[] reencode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) throw new ReportRefused(ReportRefused.Reason.PHOTO_TOO_LARGE, "photo larger than 5 MiB");
        if (!isJpeg(bytes) && !isPng(bytes)) throw new ReportRefused(ReportRefused.Reason.BAD_PHOTO, "photo must be a JPEG or PNG image");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new ReportRefused(ReportRefused.Reason.BAD_PHOTO, "photo is not a readable image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) throw new ReportRefused(ReportRefused.Reason.BAD_PHOTO, "photo has too many pixels");
                BufferedImage decoded = reader.read(0);
                BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = rgb.createGraphics();
                try {
                    g.drawImage(decoded, 0, 0, java.awt.Color.WHITE, null);
                } finally {
                    g.dispose();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
                if (!ImageIO.write(rgb, "jpeg", out)) throw new IllegalStateException("no JPEG writer");
                if (out.size() > MAX_BYTES) {
                    throw new ReportRefused(ReportRefused.Reason.PHOTO_TOO_LARGE, "photo larger than 5 MiB once re-encoded");
                }
                return out.toByteArray();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ReportRefused refused) throw refused;
            throw new ReportRefused(ReportRefused.Reason.BAD_PHOTO, "photo could not be decoded");
        }
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }

    private static boolean isPng(byte[] b) {
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[i] != magic[i]) return false;
        return true;
    }
}
