package org.firehub.tickets;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.firehub.rules.Severity;

/**
 * The local policy of the loop ({@code config/tickets.yaml}): how long rectification may take
 * per severity, and within how many working days (Monday to Friday, not a holiday, in the
 * town's time zone) a submitted rectification must be verified.
 */
public record TicketPolicy(Map<Severity, Duration> rectifyWithin, int verifyWorkingDays, ZoneId zone,
                           Set<LocalDate> holidays) {

    public TicketPolicy {
        rectifyWithin = Map.copyOf(rectifyWithin);
        for (Severity s : Severity.values()) {
            Duration d = rectifyWithin.get(s);
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("no positive deadline for severity " + s.wireName());
        }
        if (verifyWorkingDays < 1 || verifyWorkingDays > 60) throw new IllegalArgumentException("verify working days must be 1..60");
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(holidays);
    }

    /** Critical 24 h, major 3 days, minor 7 days; verification within 3 working days; UTC, no holidays. */
    public static TicketPolicy defaults() {
        Map<Severity, Duration> within = new EnumMap<>(Severity.class);
        within.put(Severity.CRITICAL, Duration.ofHours(24));
        within.put(Severity.MAJOR, Duration.ofDays(3));
        within.put(Severity.MINOR, Duration.ofDays(7));
        return new TicketPolicy(within, 3, ZoneId.of("UTC"), Set.of());
    }

    /** When a hazard of {@code severity} found at {@code foundAt} must be rectified. */
    public Instant deadline(Severity severity, Instant foundAt) {
        return foundAt.plus(rectifyWithin.get(severity));
    }

    /**
     * When a rectification submitted at {@code submittedAt} must be verified: the end of the
     * N-th working day after the day of submission (a Friday submission with N = 3 is due by
     * the end of Wednesday). Whole days, so work submitted late in the day loses no time.
     */
    public Instant verifyBy(Instant submittedAt) {
        LocalDate day = submittedAt.atZone(zone).toLocalDate();
        int counted = 0;
        while (counted < verifyWorkingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) counted++;
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }
}
