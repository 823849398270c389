package org.firehub.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The shipped rules as a pure function from facts to level and reasons, and the file's error reporting. */
class RiskRulesTest {
    private static final RiskRules RULES = RiskFiles.shipped();

    private static VenueFacts facts(int critical, int major, int minor, int overdueCritical, int overdue, int devices,
                                    int offline, int faulty, int recentCritical, int recent) {
        return new VenueFacts(critical, major, minor, overdueCritical, overdue, devices, offline, faulty, recentCritical,
                recent, Optional.empty());
    }

    @Test
    void shippedFileReadsItsSettings() {
        assertThat(RULES.recentAlarms()).isEqualTo(Duration.ofHours(24));
        assertThat(RULES.offlineAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(RULES.cacheFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RULES.faultHazards()).contains("device_fault");
        assertThat(RULES.offlineHazards()).containsExactly("device_offline");
    }

    @Test
    void nothingWrongIsGreenWithoutReasons() {
        RiskAssessment a = RULES.assess(VenueFacts.NONE);
        assertThat(a.level()).isEqualTo(RiskLevel.GREEN);
        assertThat(a.reasons()).isEmpty();
        assertThat(RULES.assess(facts(0, 0, 0, 0, 0, 10, 0, 0, 0, 0)).level()).isEqualTo(RiskLevel.GREEN);
    }

    @Test
    void aMinorOpenHazardIsYellowAndSaysSo() {
        RiskAssessment a = RULES.assess(facts(0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(a.level()).isEqualTo(RiskLevel.YELLOW);
        assertThat(a.reasons()).extracting(RiskReason::code).containsExactly("open_minor_ticket");
        assertThat(a.reasons().getFirst().zh()).isEqualTo("1 项一般隐患正在整改");
        assertThat(a.reasons().getFirst().en()).isEqualTo("1 minor hazard(s) being rectified");
    }

    @Test
    void aCriticalOpenHazardIsOrange() {
        RiskAssessment a = RULES.assess(facts(2, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(a.level()).isEqualTo(RiskLevel.ORANGE);
        assertThat(a.reasons()).extracting(RiskReason::code).containsExactly("open_critical_ticket", "open_minor_ticket");
        assertThat(a.reasons().getFirst().en()).isEqualTo("2 critical hazard(s) being rectified");
    }

    @Test
    void halfTheDevicesOfflineIsOrangeWithOneReasonNotTwo() {
        RiskAssessment a = RULES.assess(facts(0, 0, 0, 0, 0, 5, 3, 0, 0, 0));
        assertThat(a.level()).isEqualTo(RiskLevel.ORANGE);
        assertThat(a.reasons()).extracting(RiskReason::code).containsExactly("many_devices_offline");
        assertThat(a.reasons().getFirst().zh()).isEqualTo("60% 的监测设备离线");
        assertThat(RULES.assess(facts(0, 0, 0, 0, 0, 5, 1, 0, 0, 0)).level()).isEqualTo(RiskLevel.YELLOW);
    }

    @Test
    void anOverdueCriticalHazardOrARecentCriticalAlarmIsRed() {
        RiskAssessment overdue = RULES.assess(facts(1, 0, 0, 1, 1, 0, 0, 0, 0, 0));
        assertThat(overdue.level()).isEqualTo(RiskLevel.RED);
        assertThat(overdue.reasons().getFirst().code()).isEqualTo("overdue_critical_ticket");
        assertThat(overdue.reasons().getFirst().zh()).isEqualTo("1 项重大隐患逾期未整改");
        assertThat(overdue.reasons().getFirst().en()).isEqualTo("1 critical hazard(s) overdue");
        RiskAssessment fire = RULES.assess(facts(0, 0, 0, 0, 0, 2, 0, 0, 1, 1));
        assertThat(fire.level()).isEqualTo(RiskLevel.RED);
        assertThat(fire.reasons()).extracting(RiskReason::code).containsExactly("recent_critical_alarm", "recent_alarm");
    }

    @Test
    void aFaultyDeviceOrARecentAlarmIsYellow() {
        assertThat(RULES.assess(facts(0, 0, 0, 0, 0, 3, 0, 1, 0, 0)).reasons()).extracting(RiskReason::code)
                .containsExactly("device_fault");
        assertThat(RULES.assess(facts(0, 0, 0, 0, 0, 3, 0, 0, 0, 2)).level()).isEqualTo(RiskLevel.YELLOW);
    }

    @Property(tries = 500)
    void theLevelIsTheHighestReasonAndReasonsAreMostSevereFirst(@ForAll("anyFacts") VenueFacts f) {
        RiskAssessment a = RULES.assess(f);
        RiskLevel highest = a.reasons().stream().map(RiskReason::level).max(Enum::compareTo).orElse(RiskLevel.GREEN);
        assertThat(a.level()).isEqualTo(highest);
        for (int i = 1; i < a.reasons().size(); i++) {
            assertThat(a.reasons().get(i).level()).isLessThanOrEqualTo(a.reasons().get(i - 1).level());
        }
        assertThat(a.reasons()).extracting(RiskReason::code).doesNotHaveDuplicates();
        assertThat(a.level() == RiskLevel.GREEN).isEqualTo(f.openTotal() == 0 && f.offlineDevices() == 0
                && f.faultyDevices() == 0 && f.recentAlarms() == 0 && f.recentCriticalAlarms() == 0 && f.overdue() == 0);
    }

    @Property(tries = 500)
    void moreTroubleNeverLowersTheLevel(@ForAll("anyFacts") VenueFacts f) {
        VenueFacts worse = new VenueFacts(f.openCritical() + 1, f.openMajor(), f.openMinor(), f.overdueCritical() + 1,
                f.overdue() + 1, f.devices() + 1, f.offlineDevices() + 1, f.faultyDevices(), f.recentCriticalAlarms(),
                f.recentAlarms(), Optional.empty());
        assertThat(RULES.assess(worse).level()).isGreaterThanOrEqualTo(RULES.assess(f).level());
        assertThat(RULES.assess(worse).level()).isEqualTo(RiskLevel.RED);
    }

    @Provide
    Arbitrary<VenueFacts> anyFacts() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
        Arbitrary<int[]> tickets = Combinators.combine(small, small, small, small, small)
                .as((c, ma, mi, oc, o) -> new int[] {c, ma, mi, Math.min(oc, c), Math.min(o, c + ma + mi)});
        Arbitrary<int[]> devices = Arbitraries.integers().between(0, 10).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, n), Arbitraries.integers().between(0, n)).as((off, fa) -> new int[] {n, off, fa}));
        return Combinators.combine(tickets, devices, small, small).as((t, d, rc, r) -> new VenueFacts(t[0], t[1], t[2],
                Math.max(0, t[3]), Math.max(t[3], t[4]), d[0], d[1], d[2], rc, rc + r, Optional.empty()));
    }

    @Test
    void mistakesAreReportedAtTheirLinesAllAtOnce() {
        String yaml = """
                recent_alarms: 24x
                rules:
                  - code: a
                    when: open_critical_tickets >= 1
                    level: purple
                    zh: 甲
                    en: a
                  - code: b
                    when: open_vampires >= 1
                    level: red
                    zh: 乙
                    en: b
                  - code: a
                    when: recent_alarms >= 1
                    level: yellow
                    zh: 丙
                    en: c
                    colour: blue
                  - code: d
                    when: recent_alarms > 1
                    level: yellow
                    en: d
                """;
        assertThatThrownBy(() -> RiskRulesFile.parse(yaml, "risk.yaml")).isInstanceOfSatisfying(InvalidRiskRules.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 1: ").contains("duration"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 5: ").contains("purple"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 9: ").contains("unknown fact 'open_vampires'"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 18: ").contains("unknown key 'colour'"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 20: ").contains("'when' must read"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 19: ").contains("needs 'zh'"));
            assertThat(e.getMessage()).startsWith("risk.yaml: ");
        });
    }

    @Test
    void duplicateCodesAndAlwaysTrueRulesAreRefused() {
        String yaml = """
                rules:
                  - {code: a, when: recent_alarms >= 1, level: yellow, zh: 甲, en: a}
                  - {code: a, when: recent_alarms >= 2, level: red, zh: 乙, en: b}
                  - {code: c, when: recent_alarms >= 0, level: red, zh: 丙, en: c}
                  - {code: g, when: recent_alarms >= 1, level: green, zh: 丁, en: g}
                  - {code: p, when: offline_device_percent >= 150, level: red, zh: 戊, en: p}
                """;
        assertThatThrownBy(() -> RiskRulesFile.parse(yaml, "risk.yaml")).isInstanceOfSatisfying(InvalidRiskRules.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 3: ").contains("duplicate code 'a' (first at line 2)"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 4: ").contains("above 0"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 5: ").contains("green"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 6: ").contains("(0, 100]"));
        });
    }

    @Test
    void brokenYamlAndAMissingRuleListAreRefused() {
        assertThatThrownBy(() -> RiskRulesFile.parse("rules: [\n  - {code: a", "r.yaml")).isInstanceOf(InvalidRiskRules.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RiskRulesFile.parse("cache: 5s\n", "r.yaml")).isInstanceOf(InvalidRiskRules.class)
                .hasMessageContaining("'rules' is missing");
        assertThatThrownBy(() -> RiskRulesFile.parse("- a\n", "r.yaml")).isInstanceOf(InvalidRiskRules.class);
    }

    @Test
    void impossibleFactsAreRefused() {
        assertThatThrownBy(() -> new VenueFacts(0, 0, 0, 0, 0, 1, 2, 0, 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VenueFacts(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
