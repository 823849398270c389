package org.firehub.rules.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.firehub.device.Device;
import org.firehub.rules.RuleBook;

/**
 * Everything the engine knows about one device. Owned by the one shard thread the device's
 * venue hashes to, so it needs no locks.
 */
final class DeviceState {
    Device device;
    /** Hub-clock time of the last stored message (or of registration when never heard from). */
    long lastSeenMillis;
    /** The supervision rule whose offline alarm is active, or null when the device is online. */
    String offlineRuleId;
    /** Whether the supervision schedule holds an entry for this device. */
    boolean scheduled;
    /** Per rule id: a {@link ThresholdTracker}, {@link RateOfRiseTracker} or {@link EventTracker}. */
    final Map<String, Object> trackers = new HashMap<>(4);
    /** The rule book the trackers were last checked against, to drop trackers of removed rules once per reload. */
    RuleBook checkedAgainst;

    DeviceState(Device device, long lastSeenMillis) {
        this.device = device;
        this.lastSeenMillis = lastSeenMillis;
    }

    String id() {
        return device.id().value();
    }

    boolean offline() {
        return offlineRuleId != null;
    }

    <T> T tracker(String ruleId, Class<T> type, java.util.function.Supplier<T> create) {
        Object existing = trackers.get(ruleId);
        if (type.isInstance(existing)) return type.cast(existing);
        T fresh = create.get();
        trackers.put(ruleId, fresh);
        return fresh;
    }

    /** Drops the trackers of rules no longer in force (hot reload); their active alarms stay as they are. */
    void retainTrackers(Set<String> ruleIds) {
        trackers.keySet().retainAll(ruleIds);
    }
}
