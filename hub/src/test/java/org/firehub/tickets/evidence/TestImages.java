package org.firehub.tickets.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Real images and hostile ones, made in memory. */
final class TestImages {
    /** Stands in for the coordinates in a phone photo's EXIF GPS block. */
    static final String GPS_MARKER = "GPS-31.2304N-121.4737E";
    static final String SCRIPT = "<script>alert('polyglot')</script>";

    private TestImages() {}

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    /**
     * A JPEG as a phone writes it: an APP1 Exif segment right after SOI (a minimal TIFF header
     * followed by a GPS marker text), plus an HTML script appended after the end of the image.
     */
    static byte[] jpegWithExifAndTrailer(int width, int height) {
        byte[] plain = jpeg(width, height);
        byte[] tiff = concat(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0},
                GPS_MARKER.getBytes(StandardCharsets.US_ASCII));
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff);
        int length = payload.length + 2;
        byte[] app1 = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length}, payload);
        byte[] withExif = concat(Arrays.copyOfRange(plain, 0, 2), app1, Arrays.copyOfRange(plain, 2, plain.length));
        return concat(withExif, SCRIPT.getBytes(StandardCharsets.US_ASCII));
    }

    /** Left half red, right half blue. */
    static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    /** A JPEG of {@code image} with an EXIF IFD0 holding only the Orientation tag, in either byte order. */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation, boolean bigEndian) {
        byte[] plain = encode(image, "jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(26).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
        int length = payload.length + 2;
        byte[] app1 = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length}, payload);
        return concat(Arrays.copyOfRange(plain, 0, 2), app1, Arrays.copyOfRange(plain, 2, plain.length));
    }

    /** The first half of a real JPEG: what a dropped connection leaves. */
    static byte[] truncatedJpeg() {
        byte[] full = jpeg(400, 300);
        return Arrays.copyOf(full, full.length / 2);
    }

    /**
     * A small, valid PNG whose header claims {@code width} × {@code height} pixels (CRC fixed):
     * a decompression bomb's calling card, as a few kilobytes that would need gigabytes decoded.
     */
    static byte[] pngClaiming(int width, int height) {
        byte[] png = png(16, 16);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height; CRC over type + 13 data bytes.
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
