package org.firehub.sim;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90}, {@code 90s}, {@code 500ms}, {@code 5m}, {@code 2h} → a Duration (a bare number is seconds). */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase();
        try {
            if (text.endsWith("ms")) return positive(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), value);
            if (text.endsWith("s")) return positive(Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1))), value);
            if (text.endsWith("m")) return positive(Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1))), value);
            if (text.endsWith("h")) return positive(Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1))), value);
            return positive(Duration.ofSeconds(Long.parseLong(text)), value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; e.g. 60, 60s, 500ms, 5m, 2h");
        }
    }

    private static Duration positive(Duration duration, String value) {
        if (duration.isNegative()) throw new TypeConversionException("'" + value + "' is negative");
        return duration;
    }
}
