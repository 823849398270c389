package org.firehub.qr;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A font loaded into one sheet, with the text helpers the layout needs. PDFBox refuses to show a
 * character the font has no glyph for; {@link #printable} turns those into '?' so one odd
 * character in a venue name never costs the whole sheet.
 */
final class SheetFont implements Closeable {
    private final PDFont font;
    private final Closeable resource;
    private final Map<Integer, Boolean> showable = new HashMap<>();

    SheetFont(PDFont font, Closeable resource) {
        this.font = font;
        this.resource = resource;
    }

    PDFont font() {
        return font;
    }

    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) out.append(' ');
            else if (showable.computeIfAbsent(cp, this::hasGlyph)) out.appendCodePoint(cp);
            else out.append('?');
        });
        return out.toString();
    }

    /** Width in points of already {@link #printable} text. */
    float width(String printable, float size) throws IOException {
        return font.getStringWidth(printable) / 1000f * size;
    }

    /** {@code printable} cut to {@code maxWidth} points, ending in an ellipsis when cut. */
    String fit(String printable, float size, float maxWidth) throws IOException {
        if (width(printable, size) <= maxWidth) return printable;
        String ellipsis = showable.computeIfAbsent((int) '…', this::hasGlyph) ? "…" : "...";
        int[] cps = printable.codePoints().toArray();
        for (int n = cps.length - 1; n > 0; n--) {
            String cut = new String(cps, 0, n).stripTrailing() + ellipsis;
            if (width(cut, size) <= maxWidth) return cut;
        }
        return ellipsis;
    }

    /** The longest head of {@code printable} that fits {@code maxWidth}, broken at a space when there is one. */
    String firstLine(String printable, float size, float maxWidth) throws IOException {
        if (width(printable, size) <= maxWidth) return printable;
        int[] cps = printable.codePoints().toArray();
        int n = cps.length - 1;
        while (n > 1 && width(new String(cps, 0, n), size) > maxWidth) n--;
        String head = new String(cps, 0, n);
        int space = head.lastIndexOf(' ');
        // Latin addresses break between words; CJK text has no spaces and breaks anywhere.
        return space > head.length() / 2 ? head.substring(0, space) : head;
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
