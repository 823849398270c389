package org.firehub.alarms;

/**
 * Something that happened to an alarm, as the live feed and the outbound notifications see
 * it. Published only after the change is committed in PostgreSQL.
 */
public record AlarmChange(Kind kind, Alarm alarm) {
    public enum Kind {
        RAISED("alarm.raised"),
        CLEARED("alarm.cleared"),
        ACKNOWLEDGED("alarm.acknowledged"),
        COMMENTED("alarm.commented");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        /** The SSE event name and the webhook's {@code type}. */
        public String eventName() {
            return eventName;
        }
    }
}
