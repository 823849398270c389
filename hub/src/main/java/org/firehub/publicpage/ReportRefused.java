package org.firehub.publicpage;

import java.time.Duration;
import java.util.Optional;

/**
 * A resident's report refused, with its stable code (also the {@code outcome} tag of
 * {@code firehub_public_reports_total}), HTTP status, and for {@code throttled} when to retry.
 */
final class ReportRefused extends RuntimeException {
    enum Reason {
        HONEYPOT("honeypot", 400),
        BAD_FORM_TOKEN("bad_form_token", 400),
        TOO_FAST("too_fast", 400),
        FORM_EXPIRED("form_expired", 400),
        TOO_SHORT("too_short", 400),
        TOO_LONG("too_long", 400),
        BAD_PHOTO("bad_photo", 400),
        PHOTO_TOO_LARGE("photo_too_large", 413),
        THROTTLED("throttled", 429);

        final String code;
        final int status;

        Reason(String code, int status) {
            this.code = code;
            this.status = status;
        }
    }

    private final Reason reason;
    private final Optional<Duration> retryAfter;

    ReportRefused(Reason reason, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    ReportRefused(Reason reason, String message) {
        this(reason, message, Optional.empty());
    }

    Reason reason() {
        return reason;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
