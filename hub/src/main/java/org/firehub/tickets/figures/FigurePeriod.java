package org.firehub.tickets.figures;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The period [from, to) whose opened tickets a report counts. Parameters are ISO-8601 instants
 * ({@code 2026-03-01T00:00:00Z}, any offset) or dates ({@code 2026-03-01}) in the town's zone; a
 * date as {@code to} includes that whole day. Missing: the last {@value #DEFAULT_DAYS} days up to now.
 */
public record FigurePeriod(Instant from, Instant to) {
    public static final int DEFAULT_DAYS = 30;
    /** Ten years: any real question, but not a scan of everything by typo (year 20260). */
    static final Duration LONGEST = Duration.ofDays(3660);

    public FigurePeriod {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the period may be at most " + LONGEST.toDays() + " days long");
        }
    }

    /** @throws IllegalArgumentException naming the parameter, for a 400 */
    public static FigurePeriod parse(Optional<String> from, Optional<String> to, Instant now, ZoneId zone) {
        Instant end = to.map(t -> instant("to", t, zone, true)).orElse(now);
        Instant start = from.map(f -> instant("from", f, zone, false)).orElse(end.minus(Duration.ofDays(DEFAULT_DAYS)));
        return new FigurePeriod(start, end);
    }

    private static Instant instant(String name, String text, ZoneId zone, boolean endOfDay) {
        String s = text.strip();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            throw new IllegalArgumentException(name + ": '" + shown
                    + "' is neither an ISO-8601 instant (2026-03-01T00:00:00Z) nor a date (2026-03-01)");
        }
    }
}
