package org.firehub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (device tokens, session tokens, QR tokens) and their stored form.
 * A token carries 192 random bits, so a plain SHA-256 is the right stored form: unlike a
 * person's password it cannot be guessed, and the hash keeps a database leak from
 * revealing usable tokens while costing the hub only a microsecond per check.
 */
public final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 24;

    private SecretTokens() {}

    /** A new token: 192 random bits, base64url without padding (32 characters). */
    public static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: SHA-256 of its UTF-8 bytes. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Constant-time comparison of a presented token with a stored hash. */
    public static boolean matches(String presented, byte[] storedHash) {
        if (presented == null || storedHash == null) return false;
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
