package org.firehub.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The QR code of a venue's public URL. Error correction M (15 %) survives a scuffed or partly
 * covered sticker while keeping modules large; the quiet zone is the 4 modules the standard asks
 * for, so phone cameras find the code even on a busy door.
 */
public final class QrCodes {
    public static final int QUIET_ZONE_MODULES = 4;
    public static final int MIN_PNG_SIZE = 128;
    public static final int MAX_PNG_SIZE = 2048;
    public static final int DEFAULT_PNG_SIZE = 512;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private QrCodes() {}

    /** One bit per module, quiet zone included ({@code get(x, y)} true = dark). */
    public static BitMatrix modules(String text) {
        return encode(text, 0);
    }

    /** A square PNG of {@code size} pixels; ZXing centres whole-pixel modules inside it. */
    public static byte[] png(String text, int size) {
        if (size < MIN_PNG_SIZE || size > MAX_PNG_SIZE) {
            throw new IllegalArgumentException("size " + size + " outside " + MIN_PNG_SIZE + ".." + MAX_PNG_SIZE);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            MatrixToImageWriter.writeToStream(encode(text, size), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a QR PNG", e);
        }
        return out.toByteArray();
    }

    /** An SVG of the code, one module = one user unit; see {@link SvgQr}. */
    public static String svg(String text) {
        return SvgQr.render(modules(text));
    }

    private static BitMatrix encode(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            // Only for text beyond a QR code's capacity: a URL of a few dozen characters never is.
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }
}
