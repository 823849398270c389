package org.firehub.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long InfluxDB keeps time series: {@code inf} (forever) or an InfluxQL duration such as
 * {@code 400d}, {@code 52w} or {@code 36h30m}. Also parses the Go form ({@code 9600h0m0s},
 * {@code 0s} for forever) that {@code SHOW RETENTION POLICIES} answers with, so the two compare.
 */
public record RetentionDuration(Duration duration) {
    public static final RetentionDuration INFINITE = new RetentionDuration(Duration.ZERO);
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|µs|u|ms|s|m|h|d|w)");
    private static final Pattern WHOLE = Pattern.compile("((\\d+)(ns|us|µs|u|ms|s|m|h|d|w))+");

    public RetentionDuration {
        if (duration.isNegative()) throw new IllegalArgumentException("negative retention " + duration);
    }

    /** Parses {@code inf}, InfluxQL ({@code 400d}) or Go ({@code 9600h0m0s}) durations. */
    public static RetentionDuration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("inf") || s.equals("infinite")) return INFINITE;
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("retention '" + text + "' is neither 'inf' nor a duration such as 400d, 52w or 36h");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us", "µs", "u" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> throw new IllegalStateException(m.group(2));
            });
        }
        return new RetentionDuration(total);
    }

    public boolean isInfinite() {
        return duration.isZero();
    }

    /** The InfluxQL literal: {@code INF} or whole seconds ({@code 34560000s}). */
    public String influxQl() {
        return isInfinite() ? "INF" : duration.toSeconds() + "s";
    }

    /** InfluxDB's own default shard-group length for a retention of this length. */
    public String shardDurationInfluxQl() {
        if (isInfinite() || duration.compareTo(Duration.ofDays(180)) > 0) return "7d";
        return duration.compareTo(Duration.ofDays(2)) < 0 ? "1h" : "1d";
    }

    @Override
    public String toString() {
        return isInfinite() ? "inf" : duration.toString();
    }
}
