package org.firehub.risk;

import java.time.Instant;
import java.util.Optional;

/**
 * What the database says about one venue at one moment: the inputs of its risk level and of its
 * public page. Counts only, never who or which: the public page shows these as they are.
 *
 * @param lastInspection the last time a person verifiably looked at the venue: the newest
 *     CLOSED ticket's closing (a rectification verified) or patrol finding (docs/risk.md)
 */
public record VenueFacts(int openCritical, int openMajor, int openMinor, int overdueCritical, int overdue,
                         int devices, int offlineDevices, int faultyDevices, int recentCriticalAlarms,
                         int recentAlarms, Optional<Instant> lastInspection) {

    public static final VenueFacts NONE = new VenueFacts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty());

    public VenueFacts {
        if (openCritical < 0 || openMajor < 0 || openMinor < 0 || overdueCritical < 0 || overdue < 0 || devices < 0
                || offlineDevices < 0 || faultyDevices < 0 || recentCriticalAlarms < 0 || recentAlarms < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (offlineDevices > devices || faultyDevices > devices) {
            throw new IllegalArgumentException("more offline or faulty devices than devices");
        }
    }

    public int openTotal() {
        return openCritical + openMajor + openMinor;
    }

    /** Share of the venue's devices that are offline, 0–100; a venue without devices has none offline. */
    public double offlinePercent() {
        return devices == 0 ? 0 : 100.0 * offlineDevices / devices;
    }

    /** Share online, 0–100; {@code empty} when the venue has no devices (nothing to show). */
    public Optional<Double> onlinePercent() {
        return devices == 0 ? Optional.empty() : Optional.of(100.0 - offlinePercent());
    }

    public double value(RiskFact fact) {
        return switch (fact) {
            case OPEN_CRITICAL_TICKETS -> openCritical;
            case OPEN_MAJOR_TICKETS -> openMajor;
            case OPEN_MINOR_TICKETS -> openMinor;
            case OVERDUE_CRITICAL_TICKETS -> overdueCritical;
            case OVERDUE_TICKETS -> overdue;
            case OFFLINE_DEVICE_PERCENT -> offlinePercent();
            case FAULTY_DEVICES -> faultyDevices;
            case RECENT_CRITICAL_ALARMS -> recentCriticalAlarms;
            case RECENT_ALARMS -> recentAlarms;
        };
    }
}
