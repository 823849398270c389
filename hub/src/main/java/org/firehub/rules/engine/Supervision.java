package org.firehub.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.rules.RuleBook;
import org.firehub.rules.SupervisionRule;

/**
 * Silent-device supervision for the devices of one shard, on the hub clock: a device is
 * offline once {@link SupervisionRule#silenceLimit()} has passed since its last stored
 * message, and back online with its next message.
 */
final class Supervision {
    private final SupervisionSchedule schedule = new SupervisionSchedule();
    private final EngineMetrics metrics;
    private RuleBook scheduledUnder;

    Supervision(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    /** A message arrived at {@code arrivalMillis}: online again if it was offline, and keep it scheduled. */
    void heard(DeviceState state, Optional<SupervisionRule> rule, long arrivalMillis, long startNanos, Consumer<Decision> out) {
        state.lastSeenMillis = Math.max(state.lastSeenMillis, arrivalMillis);
        if (state.offline()) {
            if (rule.isPresent() && rule.get().id().equals(state.offlineRuleId)) {
                out.accept(new Decision.Clear(new AlarmClear(subject(state), state.offlineRuleId,
                        Instant.ofEpochMilli(arrivalMillis), "device heard from again"), startNanos));
            }
            // else: the rule was removed or replaced by a reload; its state goes, its alarm stays.
            markOnline(state);
        }
        rule.ifPresent(r -> schedule.schedule(state, deadline(state, r)));
    }

    /** A device known at start or newly registered. */
    void track(DeviceState state, Optional<SupervisionRule> rule) {
        if (!state.offline()) rule.ifPresent(r -> schedule.schedule(state, deadline(state, r)));
    }

    void seedOffline(DeviceState state, String ruleId) {
        if (!state.offline()) metrics.offline.incrementAndGet();
        state.offlineRuleId = ruleId;
    }

    /**
     * After seeding at start: an offline alarm of a device that was heard from since (its clear
     * was lost in a crash) is cleared now.
     */
    void settle(DeviceState state, Optional<SupervisionRule> rule, long nowMillis, Consumer<Decision> out) {
        if (state.offline() && rule.isPresent() && rule.get().id().equals(state.offlineRuleId)
                && deadline(state, rule.get()) > nowMillis) {
            out.accept(new Decision.Clear(new AlarmClear(subject(state), state.offlineRuleId, Instant.ofEpochMilli(nowMillis),
                    "device heard from again"), Decision.NOT_TIMED));
            markOnline(state);
            schedule.schedule(state, deadline(state, rule.get()));
        }
    }

    /** Raises the offline alarm of every device whose deadline has passed at {@code nowMillis}. */
    void tick(RuleBook rules, Map<String, DeviceState> devices, long nowMillis, Consumer<Decision> out) {
        if (rules != scheduledUnder) reschedule(rules, devices.values());
        schedule.pollDue(nowMillis, entry -> {
            DeviceState state = entry.device();
            if (state.offline()) return;
            Optional<SupervisionRule> rule = rules.forDevice(state.device).supervision();
            if (rule.isEmpty()) return;
            long deadline = deadline(state, rule.get());
            if (deadline > nowMillis) {
                schedule.schedule(state, deadline); // heard from since it was scheduled
                return;
            }
            seedOffline(state, rule.get().id());
            Duration silent = Duration.ofMillis(nowMillis - state.lastSeenMillis);
            out.accept(new Decision.Raise(new AlarmRaise(subject(state), state.device.grid(), rule.get().id(),
                    rule.get().hazard(), rule.get().severity(), Instant.ofEpochMilli(deadline),
                    Map.of("silent_s", (double) silent.toSeconds()),
                    "no message for " + DeviceRuleEvaluator.seconds(silent.toMillis()) + " (limit "
                            + DeviceRuleEvaluator.seconds(rule.get().silenceLimit().toMillis()) + "), last seen "
                            + Instant.ofEpochMilli(state.lastSeenMillis)), Decision.NOT_TIMED));
        });
    }

    int scheduled() {
        return schedule.size();
    }

    /** Reloaded rules may change limits or which kinds are supervised: schedule everything afresh, once per reload. */
    private void reschedule(RuleBook rules, Collection<DeviceState> devices) {
        schedule.clear();
        for (DeviceState state : devices) {
            if (!state.offline()) rules.forDevice(state.device).supervision().ifPresent(r -> schedule.schedule(state, deadline(state, r)));
        }
        scheduledUnder = rules;
    }

    private void markOnline(DeviceState state) {
        state.offlineRuleId = null;
        metrics.offline.decrementAndGet();
    }

    private static long deadline(DeviceState state, SupervisionRule rule) {
        return state.lastSeenMillis + rule.silenceLimit().toMillis();
    }

    private static AlarmSubject subject(DeviceState state) {
        return AlarmSubject.device(state.device.venueId(), state.id());
    }
}
