package org.firehub.people;

import java.time.Instant;

/**
 * A session a login just opened. {@code token} is the session's secret (shown once: in the
 * login answer for a bearer session, in the cookie for a cookie session); {@code csrfToken} is
 * set only for cookie sessions. Only their SHA-256 hashes are stored.
 */
public record OpenedSession(String token, String csrfToken, Instant expiresAt, Principal principal, SessionKind kind) {
    @Override
    public String toString() {
        return "OpenedSession[" + principal.username() + ", " + kind.wireName() + ", until " + expiresAt + "]";
    }
}
