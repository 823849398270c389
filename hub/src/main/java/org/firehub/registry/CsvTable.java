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
            return new CsvTable(columns, readRows(parser, columns, maxRows, problems), problems);
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

    private static List<Row> readRows(CSVParser parser, List<String> columns, int maxRows, List<LineProblem> problems) {
        List<Row> rows = new ArrayList<>();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            // Lines consumed so far, plus one: the line the next record starts on.
            int line = (int) parser.getCurrentLineNumber() + 1;
            try {
                if (!records.hasNext()) break;
                CSVRecord record = records.next();
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
            } catch (UncheckedIOException | IllegalStateException e) {
                problems.add(new LineProblem(line, "malformed CSV: " + rootMessage(e)));
                break;
            }
        }
        return rows;
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
