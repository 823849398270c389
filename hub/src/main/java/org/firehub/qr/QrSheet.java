package org.firehub.qr;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.firehub.registry.Venue;

/**
 * A printable A4 sheet of a grid's venue QR codes, {@value #COLUMNS} × {@value #ROWS} per page,
 * each with the venue's name and address under it, and the grid, date and page number in the
 * footer. The codes are drawn as vector rectangles, not images, so they stay sharp on any printer.
 * Cut lines (light grey) frame each code so a grid worker can cut the stickers apart.
 */
public final class QrSheet {
    public static final int COLUMNS = 3;
    public static final int ROWS = 4;
    public static final int PER_PAGE = COLUMNS * ROWS;
    private static final float MARGIN = 36;
    private static final float FOOTER = 28;
    /** About 45 mm: phones read it from an arm's length. */
    private static final float QR_SIDE = 128;
    private static final float NAME_SIZE = 10;
    private static final float ADDRESS_SIZE = 8;
    private static final float TEXT_PADDING = 8;

    private final SheetFonts fonts;

    public QrSheet(SheetFonts fonts) {
        this.fonts = fonts;
    }

    /** The sheet as PDF bytes; blocking CPU work (run it off the event loop). */
    public byte[] render(String grid, List<Venue> venues, LocalDate generated) throws IOException {
        if (venues.isEmpty()) throw new IllegalArgumentException("a QR sheet needs at least one venue");
        int pages = (venues.size() + PER_PAGE - 1) / PER_PAGE;
        try (PDDocument document = new PDDocument(); SheetFont font = fonts.load(document)) {
            document.getDocumentInformation().setTitle("QR codes of grid " + grid);
            document.getDocumentInformation().setCreator("firehub");
            for (int page = 0; page < pages; page++) {
                List<Venue> onPage = venues.subList(page * PER_PAGE, Math.min(venues.size(), (page + 1) * PER_PAGE));
                PDPage pdPage = new PDPage(PDRectangle.A4);
                document.addPage(pdPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
                    for (int i = 0; i < onPage.size(); i++) cell(content, font, onPage.get(i), i % COLUMNS, i / COLUMNS);
                    footer(content, font, grid, generated, page + 1, pages);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static float cellWidth() {
        return (PDRectangle.A4.getWidth() - 2 * MARGIN) / COLUMNS;
    }

    private static float cellHeight() {
        return (PDRectangle.A4.getHeight() - 2 * MARGIN - FOOTER) / ROWS;
    }

    private void cell(PDPageContentStream content, SheetFont font, Venue venue, int column, int row) throws IOException {
        float left = MARGIN + column * cellWidth();
        float top = PDRectangle.A4.getHeight() - MARGIN - row * cellHeight();
        content.setStrokingColor(0.8f);
        content.setLineWidth(0.3f);
        content.addRect(left, top - cellHeight(), cellWidth(), cellHeight());
        content.stroke();

        float qrLeft = left + (cellWidth() - QR_SIDE) / 2;
        float qrTop = top - 10;
        drawCode(content, QrCodes.modules(venue.publicUrl()), qrLeft, qrTop);

        float textWidth = cellWidth() - 2 * TEXT_PADDING;
        float centre = left + cellWidth() / 2;
        float baseline = qrTop - QR_SIDE - NAME_SIZE - 4;
        String name = font.fit(font.printable(venue.name()), NAME_SIZE, textWidth);
        text(content, font, name, NAME_SIZE, centre, baseline);
        String address = font.printable(venue.address());
        String first = font.firstLine(address, ADDRESS_SIZE, textWidth);
        text(content, font, first, ADDRESS_SIZE, centre, baseline - NAME_SIZE - 3);
        String rest = address.substring(first.length()).strip();
        if (!rest.isEmpty()) {
            text(content, font, font.fit(rest, ADDRESS_SIZE, textWidth), ADDRESS_SIZE, centre,
                    baseline - NAME_SIZE - 3 - ADDRESS_SIZE - 2);
        }
    }

    /** One filled rectangle per horizontal run of dark modules, quiet zone included in the size. */
    private static void drawCode(PDPageContentStream content, BitMatrix modules, float left, float top) throws IOException {
        float module = QR_SIDE / modules.getWidth();
        content.setNonStrokingColor(0f);
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < modules.getWidth()) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules.getWidth() && modules.get(x, y)) x++;
                content.addRect(left + start * module, top - (y + 1) * module, (x - start) * module, module);
            }
        }
        content.fill();
    }

    private void footer(PDPageContentStream content, SheetFont font, String grid, LocalDate generated, int page, int pages)
            throws IOException {
        float baseline = MARGIN - 4;
        String left = font.printable("Grid " + grid + "   generated " + generated);
        String right = "page " + page + " / " + pages;
        content.setNonStrokingColor(0.3f);
        content.beginText();
        content.setFont(font.font(), ADDRESS_SIZE);
        content.newLineAtOffset(MARGIN, baseline);
        content.showText(left);
        content.endText();
        content.beginText();
        content.newLineAtOffset(PDRectangle.A4.getWidth() - MARGIN - font.width(right, ADDRESS_SIZE), baseline);
        content.showText(right);
        content.endText();
        content.setNonStrokingColor(0f);
    }

    private static void text(PDPageContentStream content, SheetFont font, String text, float size, float centre, float baseline)
            throws IOException {
        if (text.isBlank()) return;
        content.beginText();
        content.setFont(font.font(), size);
        content.newLineAtOffset(centre - font.width(text, size) / 2, baseline);
        content.showText(text);
        content.endText();
    }
}
