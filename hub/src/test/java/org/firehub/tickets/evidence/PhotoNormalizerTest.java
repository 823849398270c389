package org.firehub.tickets.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The re-encoding itself: orientation applied before EXIF is dropped, bad images refused with their reason. */
class PhotoNormalizerTest {
    private final PhotoNormalizer normalizer = new PhotoNormalizer(EvidencePolicy.DEFAULT_MAX_PIXELS);

    private static BufferedImage decoded(NormalizedPhoto photo) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(photo.jpeg()));
    }

    private static boolean reddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getBlue() < 80;
    }

    private static boolean bluish(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 200 && c.getRed() < 80;
    }

    @Test
    void aPortraitPhonephotoIsServedUprightThoughItsExifIsGone() throws IOException {
        // Stored landscape (left red, right blue) with "rotate 90° clockwise to view": upright, red is on top.
        NormalizedPhoto cw = normalizer.normalize(TestImages.jpegWithOrientation(TestImages.halves(80, 40), 6, true));
        assertThat(cw.width()).isEqualTo(40);
        assertThat(cw.height()).isEqualTo(80);
        BufferedImage upright = decoded(cw);
        assertThat(upright.getWidth()).isEqualTo(40);
        assertThat(reddish(upright.getRGB(20, 5))).isTrue();
        assertThat(bluish(upright.getRGB(20, 75))).isTrue();

        // Little-endian EXIF (Intel order), "rotate 90° counter-clockwise": red ends at the bottom.
        BufferedImage ccw = decoded(normalizer.normalize(TestImages.jpegWithOrientation(TestImages.halves(80, 40), 8, false)));
        assertThat(ccw.getHeight()).isEqualTo(80);
        assertThat(bluish(ccw.getRGB(20, 5))).isTrue();
        assertThat(reddish(ccw.getRGB(20, 75))).isTrue();

        // Upside down (3): red moves to the right.
        BufferedImage flipped = decoded(normalizer.normalize(TestImages.jpegWithOrientation(TestImages.halves(80, 40), 3, true)));
        assertThat(flipped.getWidth()).isEqualTo(80);
        assertThat(bluish(flipped.getRGB(5, 20))).isTrue();
        assertThat(reddish(flipped.getRGB(75, 20))).isTrue();
    }

    @Test
    void aPhotoWithoutOrientationOrWithAnOddValueStaysAsItIs() throws IOException {
        BufferedImage plain = decoded(normalizer.normalize(TestImages.encode(TestImages.halves(80, 40), "jpeg")));
        assertThat(plain.getWidth()).isEqualTo(80);
        assertThat(reddish(plain.getRGB(5, 20))).isTrue();
        BufferedImage odd = decoded(normalizer.normalize(TestImages.jpegWithOrientation(TestImages.halves(80, 40), 42, true)));
        assertThat(odd.getWidth()).isEqualTo(80);
        assertThat(reddish(odd.getRGB(5, 20))).isTrue();
    }

    @Test
    void badImagesAreRefusedWithTheirReason() {
        byte[] png = TestImages.png(200, 100);
        assertThatThrownBy(() -> normalizer.normalize(Arrays.copyOf(png, png.length / 2)))
                .isInstanceOfSatisfying(PhotoRejection.class, r -> assertThat(r.reason()).isEqualTo(PhotoRefused.UNREADABLE));
        assertThatThrownBy(() -> normalizer.normalize(Arrays.copyOf(png, 8)))
                .isInstanceOfSatisfying(PhotoRejection.class, r -> assertThat(r.reason()).isEqualTo(PhotoRefused.UNREADABLE));
        assertThatThrownBy(() -> new PhotoNormalizer(10_000).normalize(TestImages.png(101, 100)))
                .isInstanceOfSatisfying(PhotoRejection.class, r -> assertThat(r.reason()).isEqualTo(PhotoRefused.TOO_MANY_PIXELS));
        assertThatThrownBy(() -> normalizer.normalize("GIF89a....".getBytes()))
                .isInstanceOfSatisfying(PhotoRejection.class, r -> assertThat(r.reason()).isEqualTo(PhotoRefused.NOT_AN_IMAGE));
        // A PNG at exactly the limit is fine.
        assertThat(new PhotoNormalizer(10_000).normalize(TestImages.png(100, 100)).width()).isEqualTo(100);
    }
}
