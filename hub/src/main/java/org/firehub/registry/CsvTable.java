package org.firehub.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a required header row, read whole before anything is imported. Every row
 * keeps the line number it starts on (line 1 is the header), so a problem names the line an
 * operator sees in an editor, even after a quoted field that spans lines.
 */
record CsvTable(List<String> columns, List<Row> rows, List<LineProblem> problems) {

    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String value = values.get(column);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreEmptyLines(true)
            .get();

    /**
     * @param required columns the header must name
     * @param optional further columns it may name; any other column is a problem
     */
    static CsvTable parse(String text, List<String> required, Set<String> optional, int maxRows) {
        List<LineProblem> problems = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text; // spreadsheet exports add a BOM
        if (body.isBlank()) {
            problems.add(new LineProblem(1, "the file is empty: expected a header line " + String.join(",", required)));
            return new CsvTable(List.of(), List.of(), problems);
        }
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(body)).setFormat(FORMAT).get()) {
            List<String> columns = parser.getHeaderNames();
            checkHeader(columns, required, optional, problems);
            if (!problems.isEmpty()) return new CsvTable(columns, List.of(), problems);
            return new CsvTable(columns, readRows(parser, body, columns, maxRows, problems), problems);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new LineProblem(1, "not a readable CSV file: " + e.getMessage()));
            return new CsvTable(List.of(), List.of(), problems);
        }
    }

    private static void checkHeader(List<String> columns, List<String> required, Set<String> optional,
                                    List<LineProblem> problems) {
        for (String column : required) {
            if (!columns.contains(column)) {
                problems.add(new LineProblem(1, "the header lacks column '" + column + "' (header found: "
                        + String.join(",", columns) + "; expected " + String.join(",", required) + ")"));
            }
        }
        for (String column : columns) {
            if (!required.contains(column) && !optional.contains(column)) {
                problems.add(new LineProblem(1, "unknown column '" + column + "'"));
            }
        }
    }

    private static List<Row> readRows(CSVParser parser, String body, List<String> columns, int maxRows,
                                      List<LineProblem> problems) {
        LineIndex lines = new LineIndex(body);
        List<Row> rows = new ArrayList<>();
        Iterator<CSVRecord> records = parser.iterator();
        long linesBeforeRecord = parser.getCurrentLineNumber();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) break;
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                // Name the line the broken record starts on (where an unclosed quote is), not where the parser gave up.
                problems.add(new LineProblem((int) linesBeforeRecord + 1, "malformed CSV in the record starting here: "
                        + rootMessage(e)));
                break;
            }
            linesBeforeRecord = parser.getCurrentLineNumber();
            int line = lines.lineOfRecordAt((int) record.getCharacterPosition());
            if (rows.size() + countRowProblems(problems) >= maxRows) {
                problems.add(new LineProblem(line, "too many rows: at most " + maxRows + " per file; split the file"));
                break;
            }
            if (record.size() != columns.size()) {
                problems.add(new LineProblem(line, "expected " + columns.size() + " fields ("
                        + String.join(",", columns) + "), found " + record.size()));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) values.put(columns.get(i), record.get(i));
            rows.add(new Row(line, values));
        }
        return rows;
    }

    /** Line numbers of character positions; a record's position may point at the empty lines skipped before it. */
    private static final class LineIndex {
        private final String text;

        LineIndex(String text) {
            this.text = text;
        }

        int lineOfRecordAt(int position) {
            int start = position;
            while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) start++;
            int line = 1;
            for (int i = 0; i < start && i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) line++;
            }
            return line;
        }
    }

    private static int countRowProblems(List<LineProblem> problems) {
        return (int) problems.stream().filter(p -> p.line() > 1).count();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage();
    }
}
