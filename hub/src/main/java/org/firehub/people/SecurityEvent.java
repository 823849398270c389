package org.firehub.people;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One security-relevant action for {@link SecurityAudit}.
 *
 * @param actorUserId   who did it; {@code null} when nobody is signed in (a refused login)
 * @param action        dotted lower-case name, e.g. {@code login.refused}, {@code user.disabled}
 * @param subject       what it acted on, e.g. {@code user:17}, {@code grid:G01}; may be {@code null}
 * @param sourceAddress the client's address as the hub saw it; may be {@code null}
 * @param details       facts of the action (never a password or a token)
 */
public record SecurityEvent(Long actorUserId, String action, String subject, String sourceAddress, JsonObject details) {
    public SecurityEvent {
        Objects.requireNonNull(action, "action");
        details = details == null ? new JsonObject() : details.copy();
    }

    public static SecurityEvent of(Principal actor, String action, String subject, String sourceAddress) {
        return new SecurityEvent(actor == null ? null : actor.userId(), action, subject, sourceAddress, null);
    }

    public SecurityEvent with(String key, Object value) {
        return new SecurityEvent(actorUserId, action, subject, sourceAddress, details.copy().put(key, value));
    }
}
