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
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Severity;
import org.junit.jupiter.api.Test;

/**
 * Rate of rise against a brute-force model: a sample rises when some earlier sample within
 * the window lies at least {@code rise} below it; the alarm is up from a rising sample until a
 * sample {@code clearHold} or more after the last rising one.
 */
class RateOfRiseTrackerProperties {

    record Sample(long at, double value) {}

    record Scenario(RateOfRiseRule rule, List<Sample> samples) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<RateOfRiseRule> rules = Combinators.combine(Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 60), Arbitraries.integers().between(0, 60)).as((rise, windowS, clearS) ->
                new RateOfRiseRule("r", "electrical", "cable_temp_c_l1", rise, Duration.ofSeconds(windowS),
                        Duration.ofSeconds(clearS), "cable_overheating", Severity.MAJOR));
        Arbitrary<int[]> step = Combinators.combine(Arbitraries.integers().between(0, 20_000),
                Arbitraries.integers().between(-6, 8)).as((dt, dv) -> new int[] {dt, dv});
        return Combinators.combine(rules, step.list().ofMinSize(1).ofMaxSize(60)).as((rule, steps) -> {
            List<Sample> samples = new ArrayList<>();
            long at = 1_700_000_000_000L;
            double value = 40;
            for (int[] s : steps) {
                at += s[0];
                value += s[1];
                samples.add(new Sample(at, value));
            }
            return new Scenario(rule, samples);
        });
    }

    private static boolean rises(Scenario s, int i) {
        Sample now = s.samples().get(i);
        for (int j = 0; j < i; j++) {
            Sample earlier = s.samples().get(j);
            if (earlier.at() >= now.at() - s.rule().window().toMillis() && now.value() - earlier.value() >= s.rule().rise()) {
                return true;
            }
        }
        return false;
    }

    @Property
    void raisedExactlyWhenTheModelSaysSo(@ForAll("scenarios") Scenario scenario) {
        RateOfRiseTracker tracker = new RateOfRiseTracker();
        boolean modelRaised = false;
        long lastRise = Long.MIN_VALUE;
        for (int i = 0; i < scenario.samples().size(); i++) {
            Sample sample = scenario.samples().get(i);
            Transition t = tracker.offer(scenario.rule(), sample.at(), sample.value());
            boolean was = modelRaised;
            if (rises(scenario, i)) {
                modelRaised = true;
                lastRise = sample.at();
            } else if (modelRaised && sample.at() - lastRise >= scenario.rule().clearHold().toMillis()) {
                modelRaised = false;
            }
            assertThat(tracker.raised()).as("raised after sample %d", i).isEqualTo(modelRaised);
            Transition expected = was == modelRaised ? Transition.NONE : modelRaised ? Transition.RAISE : Transition.CLEAR;
            assertThat(t).as("transition at sample %d", i).isEqualTo(expected);
        }
    }

    @Property
    void neverRaisedWithoutARiseAndNeverClearedByARisingSample(@ForAll("scenarios") Scenario scenario) {
        RateOfRiseTracker tracker = new RateOfRiseTracker();
        for (int i = 0; i < scenario.samples().size(); i++) {
            Sample sample = scenario.samples().get(i);
            Transition t = tracker.offer(scenario.rule(), sample.at(), sample.value());
            if (t == Transition.RAISE) assertThat(rises(scenario, i)).isTrue();
            if (t == Transition.CLEAR) assertThat(rises(scenario, i)).isFalse();
        }
    }

    @Test
    void aCableHeatingTenDegreesInAMinuteRaisesAndCoolsOffAfterTheClearHold() {
        RateOfRiseRule rule = new RateOfRiseRule("r", "electrical", "cable_temp_c_l1", 10, Duration.ofSeconds(60),
                Duration.ofSeconds(30), "cable_overheating", Severity.MAJOR);
        RateOfRiseTracker tracker = new RateOfRiseTracker();
        assertThat(tracker.offer(rule, 0, 40)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(rule, 30_000, 45)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(rule, 60_000, 50)).isEqualTo(Transition.RAISE);
        assertThat(tracker.offer(rule, 61_000, 51)).isEqualTo(Transition.NONE); // rose 6 since 30 s: no rise, hold runs
        assertThat(tracker.offer(rule, 89_999, 51)).isEqualTo(Transition.NONE);
        assertThat(tracker.offer(rule, 90_000, 51)).isEqualTo(Transition.CLEAR);
        assertThat(tracker.offer(rule, 80_000, 90)).isEqualTo(Transition.STALE);
        assertThat(tracker.raised()).isFalse();
    }

    @Test
    void aSlowRiseOverLongerThanTheWindowDoesNotRaise() {
        RateOfRiseRule rule = new RateOfRiseRule("r", "electrical", "cable_temp_c_l1", 10, Duration.ofSeconds(60),
                Duration.ZERO, "cable_overheating", Severity.MAJOR);
        RateOfRiseTracker tracker = new RateOfRiseTracker();
        for (int i = 0; i <= 20; i++) {
            assertThat(tracker.offer(rule, i * 30_000L, 40 + i * 4)).as("sample %d", i).isNotEqualTo(Transition.RAISE);
        }
    }
}
