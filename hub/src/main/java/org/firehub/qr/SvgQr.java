package org.firehub.qr;

import com.google.zxing.common.BitMatrix;

/**
 * A QR code as SVG: one {@code <rect>} per horizontal run of dark modules, so the file stays small
 * (a venue URL: ~10 kB) and prints crisp at any size. {@code shape-rendering="crispEdges"} keeps
 * renderers from anti-aliasing the seams between rows into grey lines.
 */
final class SvgQr {
    /** The suggested display size of one module, in CSS pixels. */
    static final int MODULE_PX = 8;

    private SvgQr() {}

    static String render(BitMatrix modules) {
        int width = modules.getWidth();
        int height = modules.getHeight();
        StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width * MODULE_PX)
                .append("\" height=\"").append(height * MODULE_PX).append("\" shape-rendering=\"crispEdges\">\n")
                .append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#fff\"/>\n")
                .append("<g fill=\"#000\">\n");
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && modules.get(x, y)) x++;
                svg.append("<rect x=\"").append(start).append("\" y=\"").append(y).append("\" width=\"")
                        .append(x - start).append("\" height=\"1\"/>\n");
            }
        }
        return svg.append("</g>\n</svg>\n").toString();
    }
}
