package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad file is refused whole, and the error names the file and the line (marked
 * {@code # HERE} in each sample) so an operator can go straight to it.
 */
class RuleCatalogueValidationTest {
    private static final String GAS_RULE = """
            kinds:
              gas:
                limits:
                  gas_lel_pct: {min: 5, max: 50}
                thresholds:
                  - id: gas.leak_low
                    reading: gas_lel_pct
                    direction: above
                    raise_at: 25
                    hold: 5s
                    clear_at: 20
                    clear_hold: 30s
                    hazard: gas_leak_low
                    severity: major
                events:
                  - id: gas.alarm_low
                    event: alarm_low
                    cleared_by: [alarm_cleared]
                    hazard: gas_leak_low
                    severity: major
            """;

    @Test
    void aSmallGoodFileLoads() throws Exception {
        CatalogueRuleBook book = CatalogueFiles.parse(GAS_RULE);
        assertThat(book.rule("gas.leak_low")).isPresent();
        assertThat(book.counts()).containsEntry("threshold", 1).containsEntry("event", 1);
    }

    @Test
    void overrideSectionsLeftEmptyMeanNoOverrides() throws Exception {
        CatalogueRuleBook book = CatalogueFiles.parse(GAS_RULE + "overrides:\n  venues:\n  devices:\n    # EF-1: {}\n");
        assertThat(book.venueOverrides()).isEmpty();
        assertThat(book.deviceOverrides()).isEmpty();
    }

    @Test
    void yamlSyntaxErrorNamesItsLine() {
        refusedAt("""
                kinds:
                  gas:
                    thresholds:
                      - id: gas.x
                        reading: gas_lel_pct: 3   # HERE
                """, "YAML syntax: mapping values are not allowed here");
        InvalidRuleCatalogue unclosed = catchThrowableOfType(InvalidRuleCatalogue.class,
                () -> CatalogueFiles.parse("kinds:\n  gas:\n    events: [a, b\n"));
        assertThat(unclosed.getMessage()).contains("rules.yaml:4:1: YAML syntax").contains("started at line 3");
    }

    @Test
    void misspelledKeyIsRefusedNotIgnored() {
        refusedAt(GAS_RULE.replace("    raise_at: 25", "    rasie_at: 25   # HERE"), "unknown key 'rasie_at'");
    }

    @Test
    void unknownTopLevelSectionIsRefused() {
        refusedAt(GAS_RULE + "correlation:   # HERE\n  - id: x\n", "unknown key 'correlation'");
    }

    @Test
    void wrongTypesAreRefused() {
        refusedAt(GAS_RULE.replace("raise_at: 25", "raise_at: high   # HERE"), "raise_at must be a finite number, not 'high'");
        refusedAt(GAS_RULE.replace("hold: 5s", "hold: 5   # HERE"), "a duration needs a unit");
        refusedAt(GAS_RULE.replace("severity: major\n    events", "severity: urgent   # HERE\n    events"),
                "severity must be minor, major or critical");
        refusedAt(GAS_RULE.replace("cleared_by: [alarm_cleared]", "cleared_by: alarm_cleared   # HERE"), "must be a list");
    }

    @Test
    void unknownKindIsRefused() {
        refusedAt(GAS_RULE.replace("  gas:", "  gaz:   # HERE"), "unknown device kind 'gaz'");
    }

    @Test
    void readingOrEventOutsideTheKindCatalogueIsRefused() {
        refusedAt(GAS_RULE.replace("reading: gas_lel_pct", "reading: gas_ppm   # HERE"), "kind 'gas' has no reading 'gas_ppm'");
        refusedAt(GAS_RULE.replace("event: alarm_low", "event: alarm   # HERE"), "kind 'gas' has no event 'alarm'");
        refusedAt(GAS_RULE.replace("cleared_by: [alarm_cleared]", "cleared_by: [alarm_reset]   # HERE"),
                "kind 'gas' has no event 'alarm_reset'");
        refusedAt(GAS_RULE.replace("gas_lel_pct: {min", "gas_ppm: {min"), "no reading 'gas_ppm'", "gas_ppm: {min");
    }

    @Test
    void duplicateRuleIdIsRefusedAtTheSecondOne() {
        refusedAt(GAS_RULE.replace("id: gas.alarm_low", "id: gas.leak_low   # HERE"), "duplicate rule id 'gas.leak_low' (first at line 6)");
    }

    @Test
    void duplicateKeyIsRefused() {
        refusedAt(GAS_RULE.replace("    hold: 5s", "    hold: 5s\n        hold: 10s   # HERE"), "duplicate key 'hold'");
    }

    @Test
    void clearLevelOnTheWrongSideIsRefused() {
        refusedAt(GAS_RULE.replace("clear_at: 20", "clear_at: 30   # HERE"), "clear_at 30 must be on the safe side of raise_at 25");
    }

    @Test
    void nonPositiveWindowsAndCountsAreRefused() {
        String rate = GAS_RULE.replace("    events:", String.join("\n",
                "    rates_of_rise:",
                "      - id: gas.rise",
                "        reading: gas_lel_pct",
                "        rise: 5",
                "        window: 0s",
                "        clear_hold: 1m",
                "        hazard: gas_rise",
                "        severity: minor",
                "    events:"));
        refusedAt(rate.replace("window: 0s", "window: 0s   # HERE"), "window must be longer than 0s");
        refusedAt(rate.replace("window: 0s", "window: 1m").replace("rise: 5", "rise: -5   # HERE"), "rise must be more than 0");
        String supervision = GAS_RULE + """
                    supervision:
                      id: gas.offline
                      interval: 1h
                      missed: 0   # HERE
                      hazard: device_offline
                      severity: major
                """;
        refusedAt(supervision, "missed must be at least 1");
    }

    @Test
    void defaultOutsideTheSettableRangeIsRefused() {
        refusedAt(GAS_RULE.replace("raise_at: 25", "raise_at: 60   # HERE").replace("clear_at: 20", "clear_at: 55"),
                "raise_at 60 is outside the settable range 5–50 of gas_lel_pct");
    }

    @Test
    void correlationNamingAHazardNoRuleRaisesIsRefused() {
        refusedAt(GAS_RULE + """
                correlations:
                  - id: venue.fire
                    requires:
                      - [smoke_alarm]   # HERE
                    min_devices: 2
                    window: 120s
                    hazard: confirmed_fire
                    severity: critical
                """, "no device rule raises hazard 'smoke_alarm'");
    }

    @Test
    void overrideOfAnUnknownRuleIsRefused() {
        refusedAt(GAS_RULE + """
                overrides:
                  venues:
                    17:
                      gas.leek_low: {raise_at: 30}   # HERE
                """, "unknown rule 'gas.leek_low'");
    }

    @Test
    void overrideKeyNotValidForTheRuleTypeIsRefused() {
        refusedAt(GAS_RULE + """
                overrides:
                  devices:
                    GD-1:
                      gas.alarm_low:
                        raise_at: 30   # HERE
                """, "unknown key 'raise_at' (expected one of enabled, severity)");
        refusedAt(GAS_RULE + """
                overrides:
                  devices:
                    GD-1:
                      gas.leak_low:
                        hazard: gas_leak   # HERE
                """, "unknown key 'hazard'");
    }

    @Test
    void overrideOutsideTheSettableRangeIsRefused() {
        refusedAt(GAS_RULE + """
                overrides:
                  venues:
                    17:
                      gas.leak_low:
                        raise_at: 2   # HERE
                """, "raise_at 2 is outside the settable range 5–50");
    }

    @Test
    void overrideWithClearLevelButNoRaiseLevelIsRefused() {
        refusedAt(GAS_RULE + """
                overrides:
                  venues:
                    17:
                      gas.leak_low:
                        clear_at: 10   # HERE
                """, "clear_at needs raise_at in the same override");
    }

    @Test
    void overrideKeyedByAnythingButAVenueIdIsRefused() {
        refusedAt(GAS_RULE + """
                overrides:
                  venues:
                    lao_wang:   # HERE
                      gas.leak_low: {enabled: false}
                """, "venues are keyed by venue id");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidRuleCatalogue refused = catchThrowableOfType(InvalidRuleCatalogue.class, () -> CatalogueFiles.parse(
                GAS_RULE.replace("raise_at: 25", "raise_at: x").replace("event: alarm_low", "event: nope")));
        assertThat(refused.problems()).extracting(CatalogueProblem::line).containsExactly(9, 17);
        assertThat(refused.getMessage()).startsWith("rule catalogue rules.yaml refused (2 problems)");
    }

    @Test
    void emptyFileIsRefused() {
        assertThatThrownBy(() -> CatalogueFiles.parse("# nothing but a comment\n"))
                .isInstanceOf(InvalidRuleCatalogue.class).hasMessageContaining("rules.yaml:1:1: the file is empty");
    }

    /** Asserts the file is refused with a problem on the line marked {@code marker} whose message contains {@code message}. */
    private static void refusedAt(String yaml, String message) {
        refusedAt(yaml, message, "# HERE");
    }

    private static void refusedAt(String yaml, String message, String marker) {
        List<String> lines = yaml.lines().toList();
        int line = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(marker)) line = i + 1;
        assertThat(line).as("test sample marks its bad line").isPositive();
        InvalidRuleCatalogue refused = catchThrowableOfType(InvalidRuleCatalogue.class, () -> CatalogueFiles.parse(yaml));
        assertThat(refused).as("refused:\n" + yaml).isNotNull();
        int expected = line;
        assertThat(refused.problems()).as(refused.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(expected);
                    assertThat(p.message()).contains(message);
                });
        assertThat(refused.getMessage()).contains("rules.yaml:" + line + ":");
    }
}
