package org.firehub.risk;

/** The facts about a venue that risk rules can test, by the name used in {@code config/risk.yaml}. */
public enum RiskFact {
    OPEN_CRITICAL_TICKETS("open_critical_tickets"),
    OPEN_MAJOR_TICKETS("open_major_tickets"),
    OPEN_MINOR_TICKETS("open_minor_tickets"),
    OVERDUE_CRITICAL_TICKETS("overdue_critical_tickets"),
    OVERDUE_TICKETS("overdue_tickets"),
    OFFLINE_DEVICE_PERCENT("offline_device_percent"),
    FAULTY_DEVICES("faulty_devices"),
    RECENT_CRITICAL_ALARMS("recent_critical_alarms"),
    RECENT_ALARMS("recent_alarms");

    private final String key;

    RiskFact(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static RiskFact byKey(String key) {
        for (RiskFact fact : values()) {
            if (fact.key.equals(key)) return fact;
        }
        return null;
    }
}
