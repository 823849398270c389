package org.firehub.tickets.figures;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV for a spreadsheet: a header row, one row per group, then the total with group
 * {@value #TOTAL} (no grid code, venue id, hazard or severity can look like that). Text cells
 * that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are
 * prefixed with ', since venue names and grid codes are typed by people.
 */
public final class FigureCsv {
    static final String TOTAL = "(total)";

    private FigureCsv() {}

    public static String toCsv(FigureReport report) {
        boolean venues = report.by() == FigureGrouping.VENUE;
        List<String> header = new ArrayList<>(List.of(report.by().wireName()));
        if (venues) header.add("name");
        header.addAll(List.of("opened", "closed", "cancelled", "closure_rate", "median_hours_to_close",
                "p90_hours_to_close", "overdue_now", "escalated"));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(header);
            for (FigureRow row : report.rows()) csv.printRecord(cells(row, venues));
            csv.printRecord(cells(report.total(), venues));
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return out.toString();
    }

    /** {@code tickets-by-grid-2026-02-01_2026-03-02.csv}: the first and the last day of the period, in the town's zone. */
    public static String filename(FigureReport report, ZoneId zone) {
        LocalDate first = report.period().from().atZone(zone).toLocalDate();
        LocalDate last = report.period().to().minusNanos(1).atZone(zone).toLocalDate();
        return "tickets-by-" + report.by().wireName() + "-" + first + "_" + last + ".csv";
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) return cell;
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static List<Object> cells(FigureRow r, boolean venues) {
        List<Object> cells = new ArrayList<>();
        cells.add(r.isTotal() ? TOTAL : safe(r.group().orElse("")));
        if (venues) cells.add(safe(r.name().orElse("")));
        cells.add(r.opened());
        cells.add(r.closed());
        cells.add(r.cancelled());
        cells.add(number(FigureJson.rounded(r.closureRate(), 4)));
        cells.add(number(FigureJson.rounded(r.medianHoursToClose(), 2)));
        cells.add(number(FigureJson.rounded(r.p90HoursToClose(), 2)));
        cells.add(r.overdueNow());
        cells.add(r.escalated());
        return cells;
    }

    private static String number(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
