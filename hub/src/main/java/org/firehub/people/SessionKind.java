package org.firehub.people;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a session's token travels. A {@code bearer} token is sent by the client in
 * {@code Authorization}; a {@code cookie} token lives in the console's HttpOnly cookie, which a
 * browser sends by itself, so every unsafe request of a cookie session must also carry the
 * session's CSRF token. The wire name is what {@code sessions.kind} holds.
 */
public enum SessionKind {
    BEARER("bearer"),
    COOKIE("cookie");

    private final String wireName;

    SessionKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SessionKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
