package org.firehub.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.firehub.registry.Venue;
import org.junit.jupiter.api.Test;

class QrSheetTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    static Venue venue(long id, String name, String address) {
        String token = String.format("tok%029d", id);
        return new Venue(id, name, address, "restaurant", "G-01", token, "https://fire.example.test/v/" + token);
    }

    static List<Venue> venues(int count) {
        List<Venue> venues = new ArrayList<>();
        venues.add(venue(1, "老王面馆", "朝阳区建国路88号"));
        venues.add(venue(2, "Lao Wang Noodles", "12 Old Street, a very long address that has to wrap onto a second line"));
        for (int i = 3; i <= count; i++) venues.add(venue(i, "Shop " + i, i + " Market Lane"));
        return venues;
    }

    @Test
    void aSheetHoldsTwelveCodesPerPageWithNamesAddressesAndAFooter() throws Exception {
        assumeTrue(Files.isReadable(CJK_FONT), "Debian package fonts-wqy-microhei is installed");
        List<Venue> venues = venues(14);
        byte[] pdf = new QrSheet(SheetFonts.from(Optional.empty())).render("G-01", venues, DAY);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(document);
            String joined = text.replaceAll("\\s+", "");
            for (Venue v : venues) {
                assertThat(joined).contains(v.name().replaceAll("\\s+", ""));
                assertThat(joined).contains(v.address().replaceAll("\\s+", ""));
            }
            assertThat(text).contains("老王面馆", "朝阳区建国路88号", "Grid G-01", "2026-11-24", "page 1 / 2", "page 2 / 2");

            List<String> urls = venues.stream().map(Venue::publicUrl).toList();
            BufferedImage first = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
            List<String> found = QrImages.decodeAll(first);
            assertThat(found).isNotEmpty();
            assertThat(urls.subList(0, QrSheet.PER_PAGE)).containsAll(found);
            BufferedImage second = new PDFRenderer(document).renderImageWithDPI(1, 150, ImageType.GRAY);
            assertThat(QrImages.decodeAll(second)).isNotEmpty().allMatch(urls.subList(12, 14)::contains);
        }
    }

    @Test
    void pagesAreCeilingOfVenuesOverTwelve() throws Exception {
        QrSheet sheet = new QrSheet(SheetFonts.from(Optional.empty()));
        for (int count : new int[] {1, 12, 13, 25}) {
            try (PDDocument document = Loader.loadPDF(sheet.render("G-01", venues(Math.max(count, 2)).subList(0, count), DAY))) {
                assertThat(document.getNumberOfPages()).as("%d venues", count).isEqualTo((count + 11) / 12);
            }
        }
    }

    @Test
    void withoutAnyFontFileTheSheetIsStillValidAndChineseBecomesQuestionMarks() throws Exception {
        byte[] pdf = new QrSheet(SheetFonts.only(List.of(Path.of("/nonexistent/font.ttf")))).render("G-01", venues(3), DAY);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("????", "Lao Wang Noodles", "Shop 3", "page 1 / 1").doesNotContain("老王");
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
            assertThat(QrImages.decodeAll(page)).isNotEmpty();
        }
    }

    @Test
    void charactersTheFontLacksBecomeQuestionMarksAndControlsBecomeSpaces() throws Exception {
        assumeTrue(Files.isReadable(CJK_FONT), "Debian package fonts-wqy-microhei is installed");
        List<Venue> odd = List.of(venue(1, "Café \uD83D\uDD25 老王", "Line\tone\nLine two"), venue(2, "Shop 2", "2 Lane"));
        byte[] pdf = new QrSheet(SheetFonts.from(Optional.empty())).render("G-01", odd, DAY);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Café ? 老王", "Line one Line two").doesNotContain("\uD83D\uDD25");
        }
    }

    @Test
    void anEmptyGridHasNoSheet() {
        assertThatThrownBy(() -> new QrSheet(SheetFonts.from(Optional.empty())).render("G-01", List.of(), DAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
