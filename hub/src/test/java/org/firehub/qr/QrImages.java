package org.firehub.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads QR codes back the way a phone would: from pixels, with ZXing's decoder. */
final class QrImages {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private QrImages() {}

    static String decode(BufferedImage image) {
        try {
            return new MultiFormatReader().decode(bitmap(image), HINTS).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in a " + image.getWidth() + "x" + image.getHeight() + " image", e);
        }
    }

    static String decodePng(byte[] png) {
        return decode(read(png));
    }

    /** Every QR code found in the image (a sheet page holds several). */
    static List<String> decodeAll(BufferedImage image) {
        try {
            return Arrays.stream(new QRCodeMultiReader().decodeMultiple(bitmap(image), HINTS)).map(Result::getText).toList();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    static BufferedImage read(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) throw new AssertionError("not an image (" + png.length + " bytes)");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    }
}
