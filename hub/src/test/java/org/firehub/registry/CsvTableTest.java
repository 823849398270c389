package org.firehub.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static final List<String> COLUMNS = List.of("name", "address", "type", "grid");

    @Test
    void rowsKeepTheLineTheyStartOnEvenAfterAQuotedLineBreak() {
        String csv = """
                name,address,type,grid
                A,"1 Road",shop,G-1

                B,"2 Road
                Back building",shop,G-1
                C,3 Road,shop,G-1
                """;
        CsvTable table = CsvTable.parse(csv, COLUMNS, Set.of(), 100);

        assertThat(table.problems()).isEmpty();
        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2, 4, 6);
        assertThat(table.rows().get(1).get("address")).isEqualTo("2 Road\nBack building");
    }

    @Test
    void columnOrderIsFreeAndSpreadsheetByteOrderMarkIsIgnored() {
        CsvTable table = CsvTable.parse("\uFEFFgrid,type,name,address\r\nG-1,shop,A,1 Road\r\n", COLUMNS, Set.of(), 100);
        assertThat(table.problems()).isEmpty();
        assertThat(table.rows().getFirst().get("name")).isEqualTo("A");
    }

    @Test
    void headerProblemsAreOnLineOne() {
        CsvTable missing = CsvTable.parse("name,address,type\nA,B,shop\n", COLUMNS, Set.of(), 100);
        assertThat(missing.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).contains("lacks column 'grid'");
        });
        assertThat(CsvTable.parse("name,address,type,grid,colour\n", COLUMNS, Set.of(), 100).problems())
                .extracting(LineProblem::reason).containsExactly("unknown column 'colour'");
        assertThat(CsvTable.parse("", COLUMNS, Set.of(), 100).problems())
                .extracting(LineProblem::reason).first().asString().contains("empty");
    }

    @Test
    void wrongFieldCountAndBrokenQuotingAreNamedByLine() {
        String csv = "name,address,type,grid\nA,1 Road,shop\nB,2 Road,shop,G-1\nC,\"3 Road,shop,G-1\n";
        CsvTable table = CsvTable.parse(csv, COLUMNS, Set.of(), 100);

        assertThat(table.problems()).extracting(LineProblem::toString).containsExactly(
                "line 2: expected 4 fields (name,address,type,grid), found 3",
                table.problems().get(1).toString());
        assertThat(table.problems().get(1).line()).isEqualTo(4);
        assertThat(table.problems().get(1).reason()).startsWith("malformed CSV");
    }

    @Test
    void tooManyRowsIsRefused() {
        String csv = "name,address,type,grid\n" + "A,1,shop,G\n".repeat(4);
        assertThat(CsvTable.parse(csv, COLUMNS, Set.of(), 3).problems())
                .extracting(LineProblem::toString).containsExactly("line 5: too many rows: at most 3 per file; split the file");
    }
}
