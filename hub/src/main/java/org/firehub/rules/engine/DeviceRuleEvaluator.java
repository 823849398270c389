package org.firehub.rules.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.ingest.DeviceMessage;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.ThresholdRule;

/**
 * Runs one message through a device's threshold, rate-of-rise and event rules and turns the
 * trackers' transitions into alarm decisions. Time is the message's device timestamp.
 */
final class DeviceRuleEvaluator {
    private final EngineMetrics metrics;

    DeviceRuleEvaluator(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    void evaluate(DeviceState state, DeviceRules rules, DeviceMessage message, long startNanos, Consumer<Decision> out) {
        long at = message.timestampMillis();
        AlarmSubject subject = AlarmSubject.device(state.device.venueId(), state.id());
        for (ThresholdRule rule : rules.thresholds()) {
            Double value = message.readings().get(rule.reading());
            if (value == null) continue; // a missing reading changes nothing
            ThresholdTracker tracker = state.tracker(rule.id(), ThresholdTracker.class, ThresholdTracker::new);
            switch (tracker.offer(rule, at, value)) {
                case RAISE -> out.accept(new Decision.Raise(new AlarmRaise(subject, state.device.grid(), rule.id(),
                        rule.hazard(), rule.severity(), Instant.ofEpochMilli(at), Map.of(rule.reading(), value),
                        thresholdReason(rule, value, at - tracker.beyondSince())), startNanos));
                case CLEAR -> out.accept(new Decision.Clear(new AlarmClear(subject, rule.id(), Instant.ofEpochMilli(at),
                        rule.reading() + " " + value + (rule.direction() == org.firehub.rules.Direction.ABOVE ? " < " : " > ")
                                + rule.clearAt() + " for " + seconds(rule.clearHold().toMillis())), startNanos));
                case STALE -> metrics.stale.increment();
                case NONE -> { }
            }
        }
        for (RateOfRiseRule rule : rules.ratesOfRise()) {
            Double value = message.readings().get(rule.reading());
            if (value == null) continue;
            RateOfRiseTracker tracker = state.tracker(rule.id(), RateOfRiseTracker.class, RateOfRiseTracker::new);
            switch (tracker.offer(rule, at, value)) {
                case RAISE -> out.accept(new Decision.Raise(new AlarmRaise(subject, state.device.grid(), rule.id(),
                        rule.hazard(), rule.severity(), Instant.ofEpochMilli(at), Map.of(rule.reading(), value),
                        rule.reading() + " rose by " + tracker.lastRise() + " (≥ " + rule.rise() + ") within "
                                + seconds(rule.window().toMillis())), startNanos));
                case CLEAR -> out.accept(new Decision.Clear(new AlarmClear(subject, rule.id(), Instant.ofEpochMilli(at),
                        "no rise of " + rule.rise() + " for " + seconds(rule.clearHold().toMillis())), startNanos));
                case STALE -> metrics.stale.increment();
                case NONE -> { }
            }
        }
        if (message.events().isEmpty()) return;
        for (EventRule rule : rules.events()) {
            if (!EventTracker.concerns(rule, message.events())) continue;
            EventTracker tracker = state.tracker(rule.id(), EventTracker.class, EventTracker::new);
            for (Transition transition : tracker.offer(rule, at, message.events())) {
                switch (transition) {
                    case RAISE -> out.accept(new Decision.Raise(new AlarmRaise(subject, state.device.grid(), rule.id(),
                            rule.hazard(), rule.severity(), Instant.ofEpochMilli(at), message.readings(),
                            "event " + rule.event()), startNanos));
                    case CLEAR -> out.accept(new Decision.Clear(new AlarmClear(subject, rule.id(), Instant.ofEpochMilli(at),
                            "event " + firstClearing(rule, message.events())), startNanos));
                    case STALE -> metrics.stale.increment();
                    case NONE -> { }
                }
            }
        }
    }

    private static String thresholdReason(ThresholdRule rule, double value, long heldMillis) {
        String op = rule.direction() == org.firehub.rules.Direction.ABOVE ? " ≥ " : " ≤ ";
        return rule.reading() + " " + value + op + rule.raiseAt() + " for " + seconds(heldMillis);
    }

    private static String firstClearing(EventRule rule, List<String> events) {
        return events.stream().filter(rule.clearedBy()::contains).findFirst().orElse("?");
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
