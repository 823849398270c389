package org.firehub.publicpage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed form timestamps against bots that post at once: the page embeds
 * {@code <issued-millis>.<HMAC-SHA256(secret, issued-millis ":" qrToken)>}; a report must come back
 * with it no sooner than the minimum fill time and no later than the maximum age. Bound to the
 * venue's token, so one fetched token cannot be sprayed at every venue. Stateless: any node with
 * the same secret verifies it.
 */
final class FormTokens {
    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration minFill;
    private final Duration maxAge;

    /** Why a form token was refused; the names are the refusal codes. */
    enum Problem { BAD_FORM_TOKEN, TOO_FAST, FORM_EXPIRED }

    FormTokens(byte[] secret, Clock clock, Duration minFill, Duration maxAge) {
        if (secret.length < 16) throw new IllegalArgumentException("form secret must have at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
        this.minFill = minFill;
        this.maxAge = maxAge;
    }

    String issue(String qrToken) {
        long millis = clock.millis();
        return millis + "." + sign(millis, qrToken);
    }

    /** {@code null} when the token is good for this venue now. */
    Problem check(String token, String qrToken) {
        if (token == null) return Problem.BAD_FORM_TOKEN;
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) return Problem.BAD_FORM_TOKEN;
        long millis;
        try {
            millis = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return Problem.BAD_FORM_TOKEN;
        }
        byte[] expected = sign(millis, qrToken).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) return Problem.BAD_FORM_TOKEN;
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
        if (age.compareTo(minFill) < 0) return Problem.TOO_FAST;
        if (age.compareTo(maxAge) > 0) return Problem.FORM_EXPIRED;
        return null;
    }

    private String sign(long millis, String qrToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((millis + ":" + qrToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
