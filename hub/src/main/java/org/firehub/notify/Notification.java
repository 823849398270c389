package org.firehub.notify;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.firehub.rules.Severity;

/**
 * Something worth telling the outside world about, routed to webhooks by its type, grid and
 * severity. Features build their own (alarm changes here, ticket escalations in issue 7); the
 * outbox only knows these four fields.
 *
 * @param type a dotted lower-case name such as {@code alarm.raised} or {@code ticket.escalated};
 *        sent as {@code X-Firehub-Event} and as the body's {@code type}
 * @param grid the grid it happened in, for routing
 * @param payload the feature's facts, e.g. {@code {"alarm": {...}}}; the body sent is this object
 *        with {@code type}, {@code grid}, {@code severity} and {@code sentAt} added
 */
public record Notification(String type, String grid, Severity severity, JsonObject payload) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    /** Envelope fields the outbox owns; a payload may not set them. */
    static final Set<String> ENVELOPE = Set.of("type", "grid", "severity", "sentAt");

    public Notification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(payload, "payload");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("notification type '" + type + "' is not a dotted lower-case name like alarm.raised");
        }
        if (grid.isBlank()) throw new IllegalArgumentException("notification " + type + ": grid is blank");
        for (String reserved : ENVELOPE) {
            if (payload.containsKey(reserved)) {
                throw new IllegalArgumentException("notification " + type + ": payload may not set '" + reserved + "'");
            }
        }
        payload = payload.copy();
    }

    /** What the outbox stores: the payload with the routing facts added ({@code sentAt} comes at each attempt). */
    JsonObject envelope() {
        return payload.copy().put("type", type).put("grid", grid).put("severity", severity.wireName());
    }
}
