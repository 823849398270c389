package org.firehub.qr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the font the QR sheets embed. Venue names are often Chinese, so a CJK TrueType font comes
 * first: the configured file ({@code FIREHUB_QR_FONT}), else WenQuanYi Micro Hei / Zen Hei from
 * Debian's {@code fonts-wqy-microhei} / {@code fonts-wqy-zenhei}. Without one, DejaVu Sans (Latin,
 * Greek, Cyrillic) and last Helvetica, which every PDF reader has: the sheet is still a valid PDF
 * with working QR codes, and characters the font lacks print as '?'.
 *
 * <p>Only TrueType outlines (.ttf, .ttc) are used: PDFBox cannot embed CFF-based OpenType such as
 * Noto Sans CJK's .ttc/.otf.
 */
public final class SheetFonts {
    public static final String ENVIRONMENT_KEY = "FIREHUB_QR_FONT";
    public static final List<Path> SYSTEM_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
    private static final Logger LOG = LoggerFactory.getLogger(SheetFonts.class);

    private final List<Path> candidates;

    private SheetFonts(List<Path> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** The configured font file if any (a missing one is logged and skipped), then the system candidates. */
    public static SheetFonts from(Optional<Path> configured) {
        List<Path> candidates = new ArrayList<>();
        configured.ifPresent(path -> {
            if (Files.isReadable(path)) candidates.add(path);
            else LOG.warn("{}={} is not a readable font file; using the system fonts", ENVIRONMENT_KEY, path);
        });
        candidates.addAll(SYSTEM_CANDIDATES);
        SheetFonts fonts = new SheetFonts(candidates);
        LOG.info("QR sheets use the font {}", fonts.describe());
        return fonts;
    }

    /** Exactly these files, in order, then Helvetica (tests use it to force the fallbacks). */
    static SheetFonts only(List<Path> files) {
        return new SheetFonts(files);
    }

    /** The file the next sheet will embed, or "Helvetica (built in)". */
    public String describe() {
        return firstReadable().map(Path::toString).orElse("Helvetica (built in, no CJK)");
    }

    /** Loads the font into {@code document}; close the result after the document is saved (subsetting reads it then). */
    SheetFont load(PDDocument document) throws IOException {
        Optional<Path> file = firstReadable();
        if (file.isEmpty()) return new SheetFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), () -> {});
        Path path = file.get();
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(font -> {
                if (first[0] == null) first[0] = font;
            });
            if (first[0] == null) {
                collection.close();
                throw new IOException("font collection " + path + " holds no font");
            }
            return new SheetFont(PDType0Font.load(document, first[0], true), collection::close);
        }
        return new SheetFont(PDType0Font.load(document, path.toFile()), () -> {});
    }

    private Optional<Path> firstReadable() {
        return candidates.stream().filter(Files::isReadable).findFirst();
    }
}
