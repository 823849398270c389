package org.firehub.notify;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.firehub.alarms.AlarmChange;

/**
 * The notification types a webhook may subscribe to. The config is checked against this list so
 * a typo ({@code alarm.raise}) is refused at start instead of silently never matching.
 */
public final class NotificationTypes {
    /** Overdue tickets escalate once to the grid's leader (issue 7 sends these). */
    public static final String TICKET_ESCALATED = "ticket.escalated";

    private static final Set<String> KNOWN = known();

    private NotificationTypes() {}

    public static Set<String> known() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(AlarmChange.Kind.values()).map(AlarmChange.Kind::eventName).forEach(names::add);
        names.add(TICKET_ESCALATED);
        return names;
    }

    /** An exact known type, or a family wildcard such as {@code alarm.*} that covers at least one. */
    static boolean isValidPattern(String pattern) {
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return KNOWN.stream().anyMatch(t -> t.startsWith(prefix));
        }
        return KNOWN.contains(pattern);
    }

    static boolean matches(String pattern, String type) {
        return pattern.endsWith(".*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
    }
}
