package org.firehub.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class QrCodesTest {
    private static final String URL = "https://fire.example-town.cn/v/Zq3_x-9aBcDeFgHiJkLmNoPqRsTuVwXy";

    @Test
    void pngDecodesToTheUrlAtBothEndsOfTheSizeRange() {
        for (int size : new int[] {QrCodes.MIN_PNG_SIZE, QrCodes.DEFAULT_PNG_SIZE, QrCodes.MAX_PNG_SIZE}) {
            BufferedImage image = QrImages.read(QrCodes.png(URL, size));
            assertThat(image.getWidth()).as("width at size %d", size).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
            assertThat(QrImages.decode(image)).isEqualTo(URL);
        }
    }

    @Test
    void pngHasAWhiteQuietZoneOfFourModules() {
        BitMatrix modules = QrCodes.modules(URL);
        int size = 512;
        BufferedImage image = QrImages.read(QrCodes.png(URL, size));
        // ZXing scales whole modules and centres them: the quiet zone is at least 4 modules wide.
        int modulePx = size / modules.getWidth();
        int quiet = 4 * modulePx;
        for (int i = 0; i < size; i++) {
            for (int edge = 0; edge < quiet; edge++) {
                assertThat(image.getRGB(edge, i) & 0xFFFFFF).as("left edge pixel %d,%d", edge, i).isEqualTo(0xFFFFFF);
                assertThat(image.getRGB(i, edge) & 0xFFFFFF).as("top edge pixel %d,%d", i, edge).isEqualTo(0xFFFFFF);
            }
        }
    }

    @Test
    void sizesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> QrCodes.png(URL, QrCodes.MIN_PNG_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrCodes.png(URL, QrCodes.MAX_PNG_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void svgIsWellFormedAndItsRectanglesAreExactlyTheDarkModules() throws Exception {
        BitMatrix modules = QrCodes.modules(URL);
        String svg = QrCodes.svg(URL);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + modules.getWidth() + " " + modules.getHeight());

        boolean[][] drawn = new boolean[modules.getHeight()][modules.getWidth()];
        NodeList groups = root.getElementsByTagName("g");
        assertThat(groups.getLength()).isEqualTo(1);
        NodeList rects = ((Element) groups.item(0)).getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            int x = Integer.parseInt(rect.getAttribute("x"));
            int y = Integer.parseInt(rect.getAttribute("y"));
            int width = Integer.parseInt(rect.getAttribute("width"));
            assertThat(rect.getAttribute("height")).isEqualTo("1");
            for (int dx = 0; dx < width; dx++) {
                assertThat(drawn[y][x + dx]).as("module %d,%d drawn twice", x + dx, y).isFalse();
                drawn[y][x + dx] = true;
            }
        }
        int dark = 0;
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                assertThat(drawn[y][x]).as("module %d,%d", x, y).isEqualTo(modules.get(x, y));
                if (drawn[y][x]) dark++;
            }
        }
        assertThat(dark).isGreaterThan(100);
        // Runs, not single modules: far fewer rectangles than dark modules.
        assertThat(rects.getLength()).isLessThan(dark * 2 / 3);
        // Quiet zone: nothing drawn in the 4 outer modules.
        for (int i = 0; i < modules.getWidth(); i++) {
            for (int edge = 0; edge < QrCodes.QUIET_ZONE_MODULES; edge++) {
                assertThat(drawn[i][edge] || drawn[edge][i] || drawn[i][modules.getWidth() - 1 - edge]
                        || drawn[modules.getHeight() - 1 - edge][i]).isFalse();
            }
        }

        assertThat(QrImages.decode(rasterize(rects, modules.getWidth(), 6))).isEqualTo(URL);
    }

    /** Paints the SVG's rectangles as a renderer would, {@code scale} pixels per module. */
    private static BufferedImage rasterize(NodeList rects, int modules, int scale) {
        BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            g.fillRect(Integer.parseInt(rect.getAttribute("x")) * scale, Integer.parseInt(rect.getAttribute("y")) * scale,
                    Integer.parseInt(rect.getAttribute("width")) * scale, scale);
        }
        g.dispose();
        return image;
    }
}
