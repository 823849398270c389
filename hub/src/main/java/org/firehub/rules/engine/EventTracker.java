package org.firehub.rules.engine;

import java.util.ArrayList;
import java.util.List;
import org.firehub.rules.EventRule;

/**
 * One device's state for one {@link EventRule}: the rule's event raises at once, one of its
 * {@code clearedBy} events clears. Events of one message are taken in the order the device
 * sent them, so {@code ["alarm", "alarm_cleared"]} is a raise followed by a clear.
 */
public final class EventTracker {
    private static final long NONE = Long.MIN_VALUE;

    private boolean raised;
    private long lastMessageAt = NONE;

    /** The transitions the message's events cause, in order; {@code [STALE]} for an old message. */
    public List<Transition> offer(EventRule rule, long atMillis, List<String> events) {
        if (lastMessageAt != NONE && atMillis < lastMessageAt) return List.of(Transition.STALE);
        lastMessageAt = atMillis;
        List<Transition> out = new ArrayList<>(1);
        for (String event : events) {
            if (!raised && event.equals(rule.event())) {
                raised = true;
                out.add(Transition.RAISE);
            } else if (raised && rule.clearedBy().contains(event)) {
                raised = false;
                out.add(Transition.CLEAR);
            }
        }
        return out;
    }

    /** True when the message holds something for this rule, so a stale message is counted only then. */
    static boolean concerns(EventRule rule, List<String> events) {
        for (String event : events) {
            if (event.equals(rule.event()) || rule.clearedBy().contains(event)) return true;
        }
        return false;
    }

    public boolean raised() {
        return raised;
    }

    public void seedRaised() {
        raised = true;
    }
}
