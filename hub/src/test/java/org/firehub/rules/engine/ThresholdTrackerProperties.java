package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.firehub.rules.Direction;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.junit.jupiter.api.Test;

/**
 * Threshold semantics over random sample streams: levels and values are small integers so the
 * generator hits both levels and the band often; times move forward by 0–15 s against holds of
 * 0–30 s, so holds both elapse and get interrupted.
 */
class ThresholdTrackerProperties {

    record Sample(long at, double value) {}

    record Scenario(ThresholdRule rule, List<Sample> samples) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
        Arbitrary<Integer> raiseAt = Arbitraries.integers().between(10, 20);
        Arbitrary<Integer> band = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> holdS = Arbitraries.integers().between(0, 30);
        Arbitrary<Integer> clearHoldS = Arbitraries.integers().between(0, 30);
        Arbitrary<ThresholdRule> rules = Combinators.combine(direction, raiseAt, band, holdS, clearHoldS).as((d, r, b, h, c) ->
                new ThresholdRule("t", "gas", "gas_lel_pct", d, r, Duration.ofSeconds(h), d == Direction.ABOVE ? r - b : r + b,
                        Duration.ofSeconds(c), "gas_leak", Severity.MAJOR));
        return rules.flatMap(rule -> {
            int low = (int) Math.min(rule.raiseAt(), rule.clearAt()) - 3;
            int high = (int) Math.max(rule.raiseAt(), rule.clearAt()) + 3;
            Arbitrary<int[]> step = Combinators.combine(Arbitraries.integers().between(0, 15_000),
                    Arbitraries.integers().between(low, high)).as((dt, v) -> new int[] {dt, v});
            return step.list().ofMinSize(1).ofMaxSize(60).map(steps -> {
                List<Sample> samples = new ArrayList<>();
                long at = 1_700_000_000_000L;
                for (int[] s : steps) {
                    at += s[0];
                    samples.add(new Sample(at, s[1]));
                }
                return new Scenario(rule, samples);
            });
        });
    }

    private static List<Transition> run(Scenario scenario, ThresholdTracker tracker, List<Boolean> raisedAfter) {
        List<Transition> out = new ArrayList<>();
        for (Sample sample : scenario.samples()) {
            out.add(tracker.offer(scenario.rule(), sample.at(), sample.value()));
            raisedAfter.add(tracker.raised());
        }
        return out;
    }

    @Property
    void samplesInsideTheBandNeverChangeTheState(@ForAll("scenarios") Scenario scenario) {
        ThresholdTracker tracker = new ThresholdTracker();
        ThresholdRule rule = scenario.rule();
        for (Sample sample : scenario.samples()) {
            boolean before = tracker.raised();
            Transition t = tracker.offer(rule, sample.at(), sample.value());
            if (!rule.beyond(sample.value()) && !rule.safe(sample.value())) {
                assertThat(t).isEqualTo(Transition.NONE);
                assertThat(tracker.raised()).isEqualTo(before);
            }
        }
    }

    @Property
    void neverRaisedBeforeTheHoldElapses(@ForAll("scenarios") Scenario scenario) {
        List<Transition> transitions = run(scenario, new ThresholdTracker(), new ArrayList<>());
        List<Sample> samples = scenario.samples();
        for (int i = 0; i < samples.size(); i++) {
            if (transitions.get(i) != Transition.RAISE) continue;
            assertThat(beyondRunStart(scenario, i)).as("raised at sample %d with no beyond run", i).isGreaterThanOrEqualTo(0);
            long held = samples.get(i).at() - samples.get(beyondRunStart(scenario, i)).at();
            assertThat(held).as("held before raising at sample %d", i).isGreaterThanOrEqualTo(scenario.rule().hold().toMillis());
        }
    }

    @Property
    void alwaysRaisedOnceBeyondForTheHold(@ForAll("scenarios") Scenario scenario) {
        List<Boolean> raised = new ArrayList<>();
        run(scenario, new ThresholdTracker(), raised);
        for (int i = 0; i < scenario.samples().size(); i++) {
            int start = beyondRunStart(scenario, i);
            if (start >= 0 && scenario.samples().get(i).at() - scenario.samples().get(start).at() >= scenario.rule().hold().toMillis()) {
                assertThat(raised.get(i)).as("raised after sample %d, beyond since sample %d", i, start).isTrue();
            }
        }
    }

    @Property
    void alwaysClearedOnceSafeForTheClearHold(@ForAll("scenarios") Scenario scenario) {
        List<Boolean> raised = new ArrayList<>();
        run(scenario, new ThresholdTracker(), raised);
        for (int i = 0; i < scenario.samples().size(); i++) {
            int start = safeRunStart(scenario, i);
            if (start >= 0 && scenario.samples().get(i).at() - scenario.samples().get(start).at() >= scenario.rule().clearHold().toMillis()) {
                assertThat(raised.get(i)).as("still raised after sample %d, safe since sample %d", i, start).isFalse();
            }
        }
    }

    @Property
    void raisesAndClearsAlternateAndEachComesFromTheMatchingSide(@ForAll("scenarios") Scenario scenario) {
        List<Transition> transitions = run(scenario, new ThresholdTracker(), new ArrayList<>());
        Transition expectedNext = Transition.RAISE;
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            assertThat(t).isNotEqualTo(Transition.STALE);
            if (t == Transition.NONE) continue;
            assertThat(t).isEqualTo(expectedNext);
            double value = scenario.samples().get(i).value();
            // One sample is either beyond or safe, never both: it cannot both raise and clear.
            assertThat(t == Transition.RAISE ? scenario.rule().beyond(value) : scenario.rule().safe(value)).isTrue();
            expectedNext = t == Transition.RAISE ? Transition.CLEAR : Transition.RAISE;
        }
    }

    @Property
    void aSampleOlderThanTheLastIsIgnored(@ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 1, max = 100_000) int age) {
        ThresholdTracker tracker = new ThresholdTracker();
        run(scenario, tracker, new ArrayList<>());
        boolean raised = tracker.raised();
        Sample last = scenario.samples().getLast();
        double extreme = scenario.rule().direction() == Direction.ABOVE ? 1e9 : -1e9;
        assertThat(tracker.offer(scenario.rule(), last.at() - age, extreme)).isEqualTo(Transition.STALE);
        assertThat(tracker.offer(scenario.rule(), last.at() - age, -extreme)).isEqualTo(Transition.STALE);
        assertThat(tracker.raised()).isEqualTo(raised);
    }

    @Test
    void holdZeroRaisesOnTheFirstBeyondSampleAndAHoldRaisesAtTheMomentItElapses() {
        ThresholdRule instant = new ThresholdRule("t", "gas", "gas_lel_pct", Direction.ABOVE, 25, Duration.ZERO, 20,
                Duration.ZERO, "gas_leak", Severity.MAJOR);
        assertThat(new ThresholdTracker().offer(instant, 1000, 25)).isEqualTo(Transition.RAISE);

        ThresholdRule held = new ThresholdRule("t", "gas", "gas_lel_pct", Direction.ABOVE, 25, Duration.ofSeconds(10), 20,
                Duration.ofSeconds(5), "gas_leak", Severity.MAJOR);
        ThresholdTracker tracker = new ThresholdTracker();
        assertThat(tracker.offer(held, 0, 30)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(held, 9_999, 30)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(held, 10_000, 30)).isEqualTo(Transition.RAISE);
        assertThat(tracker.offer(held, 11_000, 22)).isEqualTo(Transition.NONE); // band
        assertThat(tracker.offer(held, 12_000, 19)).isEqualTo(Transition.NONE); // safe run starts
        assertThat(tracker.offer(held, 16_999, 19)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(held, 17_000, 19)).isEqualTo(Transition.CLEAR);
    }

    @Test
    void aBandSampleInterruptsTheHold() {
        ThresholdRule held = new ThresholdRule("t", "gas", "gas_lel_pct", Direction.ABOVE, 25, Duration.ofSeconds(10), 20,
                Duration.ZERO, "gas_leak", Severity.MAJOR);
        ThresholdTracker tracker = new ThresholdTracker();
        tracker.offer(held, 0, 30);
        tracker.offer(held, 5_000, 22);
        assertThat(tracker.offer(held, 10_000, 30)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(held, 20_000, 30)).isEqualTo(Transition.RAISE);
    }

    /** Index where the run of beyond samples ending at {@code i} starts, or -1 when sample i is not beyond. */
    private static int beyondRunStart(Scenario s, int i) {
        return runStart(s, i, true);
    }

    private static int safeRunStart(Scenario s, int i) {
        return runStart(s, i, false);
    }

    private static int runStart(Scenario s, int i, boolean beyond) {
        int start = -1;
        for (int j = i; j >= 0; j--) {
            double v = s.samples().get(j).value();
            if (beyond ? s.rule().beyond(v) : s.rule().safe(v)) start = j;
            else break;
        }
        return start;
    }
}
