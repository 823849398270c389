package org.firehub.publicpage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The public page's knobs. {@code formSecret}: the HMAC key of form tokens (see {@link FormSecret});
 * {@code zone}: the time zone dates are shown in; {@code uploadsDir}: where multipart uploads are
 * buffered (deleted at the end of each request).
 */
public record PublicPageSettings(byte[] formSecret, Duration minFillTime, Duration formMaxAge, int reportsPerAddress,
                                 int reportsPerVenue, Duration rateWindow, ZoneId zone, Path uploadsDir, Clock clock) {

    /** 3 s minimum fill time, 2 h form age, 5 reports per address and 20 per venue per hour, Asia/Shanghai. */
    public static PublicPageSettings defaults(byte[] formSecret, Path uploadsDir) {
        return new PublicPageSettings(formSecret, Duration.ofSeconds(3), Duration.ofHours(2), 5, 20, Duration.ofHours(1),
                ZoneId.of("Asia/Shanghai"), uploadsDir, Clock.systemUTC());
    }

    /** How long a person needs at least to fill in the report form; faster posts are refused as {@code too_fast}. */
    public PublicPageSettings withMinFillTime(Duration minFillTime) {
        if (minFillTime.isNegative()) throw new IllegalArgumentException("the minimum fill time cannot be negative");
        return new PublicPageSettings(formSecret, minFillTime, formMaxAge, reportsPerAddress, reportsPerVenue, rateWindow,
                zone, uploadsDir, clock);
    }

    public PublicPageSettings withClock(Clock clock) {
        return new PublicPageSettings(formSecret, minFillTime, formMaxAge, reportsPerAddress, reportsPerVenue, rateWindow,
                zone, uploadsDir, clock);
    }

    public PublicPageSettings withLimits(int perAddress, int perVenue) {
        return new PublicPageSettings(formSecret, minFillTime, formMaxAge, perAddress, perVenue, rateWindow, zone,
                uploadsDir, clock);
    }
}
