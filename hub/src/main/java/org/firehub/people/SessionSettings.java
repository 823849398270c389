package org.firehub.people;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sessions behave, from the hub's configuration:
 * <ul>
 *   <li>{@code FIREHUB_SESSION_TTL} (default {@code 12h}): how long a session lasts after login;</li>
 *   <li>{@code FIREHUB_SESSION_CACHE} (default {@code 30s}): how long a node trusts a session it has
 *       checked without asking the database again (bounds how late another node sees a revocation);</li>
 *   <li>{@code FIREHUB_COOKIE_SECURE} (default {@code false}): mark the console cookie {@code Secure}; set it
 *       to {@code true} whenever the console is reached over HTTPS (directly or through a TLS proxy);</li>
 *   <li>{@code FIREHUB_LOGIN_MAX_FAILURES_PER_USER} (5), {@code FIREHUB_LOGIN_MAX_FAILURES_PER_ADDRESS} (20),
 *       {@code FIREHUB_LOGIN_WINDOW} ({@code 15m}): login throttling ({@link LoginThrottle}).</li>
 * </ul>
 * Durations are {@code 30s}, {@code 15m}, {@code 12h}, {@code 2d} or ISO-8601 ({@code PT15M}).
 */
public record SessionSettings(Duration ttl, Duration cacheFor, boolean cookieSecure, LoginThrottle.Limits throttle) {
    public static final SessionSettings DEFAULTS = new SessionSettings(Duration.ofHours(12), Duration.ofSeconds(30), false,
            LoginThrottle.Limits.DEFAULTS);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    public SessionSettings {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("session TTL must be positive: " + ttl);
        if (cacheFor.isNegative()) throw new IllegalArgumentException("session cache time must not be negative: " + cacheFor);
    }

    public SessionSettings withTtl(Duration newTtl) {
        return new SessionSettings(newTtl, cacheFor, cookieSecure, throttle);
    }

    public SessionSettings withThrottle(LoginThrottle.Limits limits) {
        return new SessionSettings(ttl, cacheFor, cookieSecure, limits);
    }

    /** Reads the keys above from a configuration map (e.g. {@code HubConfig.values()}); absent keys keep their default. */
    public static SessionSettings from(Map<String, String> config) {
        LoginThrottle.Limits d = LoginThrottle.Limits.DEFAULTS;
        return new SessionSettings(
                duration(config, "FIREHUB_SESSION_TTL", DEFAULTS.ttl()),
                duration(config, "FIREHUB_SESSION_CACHE", DEFAULTS.cacheFor()),
                bool(config, "FIREHUB_COOKIE_SECURE", DEFAULTS.cookieSecure()),
                new LoginThrottle.Limits(
                        integer(config, "FIREHUB_LOGIN_MAX_FAILURES_PER_USER", d.perUser()),
                        integer(config, "FIREHUB_LOGIN_MAX_FAILURES_PER_ADDRESS", d.perAddress()),
                        duration(config, "FIREHUB_LOGIN_WINDOW", d.window())));
    }

    static Duration parseDuration(String text) {
        String t = text.strip();
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(t);
    }

    private static Duration duration(Map<String, String> config, String key, Duration fallback) {
        String raw = config.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            return parseDuration(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration like 30s, 15m, 12h or PT15M, got '" + raw + "'", e);
        }
    }

    private static int integer(Map<String, String> config, String key, int fallback) {
        String raw = config.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
        }
    }

    private static boolean bool(Map<String, String> config, String key, boolean fallback) {
        String raw = config.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + raw + "'");
        };
    }
}
