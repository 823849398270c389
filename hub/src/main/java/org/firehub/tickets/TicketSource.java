package org.firehub.tickets;

/** How a hazard was found; the wire name is what the {@code tickets.source} column holds. */
public enum TicketSource {
    DEVICE_RULE("device_rule"), PATROL("patrol"), RESIDENT_REPORT("resident_report");

    private final String wireName;

    TicketSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static TicketSource fromWireName(String name) {
        for (TicketSource s : values()) {
            if (s.wireName.equals(name)) return s;
        }
        throw new IllegalArgumentException("unknown ticket source '" + name + "'");
    }
}
