package org.firehub.people;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.firehub.auth.SecretTokens;

/**
 * An authenticated session: whose it is, how its token travels, until when it lasts.
 *
 * @param tokenHashHex hex SHA-256 of the session token: names the session without revealing it
 * @param csrfHash     SHA-256 of the CSRF token of a cookie session; {@code null} for bearer sessions
 */
public record ActiveSession(Principal principal, SessionKind kind, String tokenHashHex, byte[] csrfHash, Instant expiresAt) {
    /** Length of the public session id: a prefix of the token hash, enough to tell one's sessions apart. */
    public static final int ID_LENGTH = 16;

    /** The id under which {@code GET /api/v1/sessions} lists this session. */
    public String id() {
        return tokenHashHex.substring(0, ID_LENGTH);
    }

    /** Constant-time check of a presented CSRF token against the stored hash (false for bearer sessions). */
    public boolean csrfMatches(String presented) {
        if (csrfHash == null || presented == null || presented.isEmpty() || presented.length() > 256) return false;
        return MessageDigest.isEqual(SecretTokens.hash(presented), csrfHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActiveSession that && principal.equals(that.principal) && kind == that.kind
                && tokenHashHex.equals(that.tokenHashHex) && Arrays.equals(csrfHash, that.csrfHash)
                && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, kind, tokenHashHex, Arrays.hashCode(csrfHash), expiresAt);
    }

    @Override
    public String toString() {
        return "ActiveSession[" + principal.username() + ", " + kind.wireName() + ", " + id() + ", until " + expiresAt + "]";
    }
}
