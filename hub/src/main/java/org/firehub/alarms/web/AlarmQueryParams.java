package org.firehub.alarms.web;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.firehub.alarms.AlarmQuery;
import org.firehub.device.DeviceId;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.rules.Severity;

/**
 * Reads {@code ?active=&venueId=&deviceId=&hazard=&severity=&since=&limit=} strictly: a bad value,
 * a repeated or an unknown parameter is a 400 naming it, because a typo such as {@code activ=true}
 * would otherwise silently answer every alarm.
 */
final class AlarmQueryParams {
    private static final Set<String> KNOWN = Set.of("active", "venueId", "deviceId", "hazard", "severity", "since", "limit");

    private final MultiMap params;
    private final List<FieldProblem> problems = new ArrayList<>();

    private AlarmQueryParams(MultiMap params) {
        this.params = params;
    }

    static AlarmQuery parse(MultiMap params) {
        return new AlarmQueryParams(params).query();
    }

    private AlarmQuery query() {
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) problems.add(new FieldProblem(name, "is not a filter; use one of " + String.join(", ",
                    KNOWN.stream().sorted().toList())));
        }
        Optional<Boolean> active = value("active", AlarmQueryParams::bool, "must be true or false");
        Optional<Long> venueId = value("venueId", AlarmQueryParams::positiveLong, "must be a positive whole number");
        Optional<String> deviceId = value("deviceId", s -> DeviceId.isValid(s) ? s : null, "must match [A-Za-z0-9_-]{1,64}");
        Optional<String> hazard = value("hazard", s -> s.length() <= 64 ? s : null, "must be 1 to 64 characters");
        Optional<Severity> severity = value("severity", s -> Severity.fromWireName(s).orElse(null),
                "must be minor, major or critical");
        Optional<Instant> since = value("since", AlarmQueryParams::instant,
                "must be an ISO-8601 time with offset, e.g. 2026-11-24T08:00:00Z");
        Optional<Long> limit = value("limit", s -> {
            Long n = positiveLong(s);
            return n != null && n <= AlarmQuery.MAX_LIMIT ? n : null;
        }, "must be a whole number from 1 to " + AlarmQuery.MAX_LIMIT);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return new AlarmQuery(active, venueId, deviceId, hazard, severity, since,
                limit.map(Long::intValue).orElse(AlarmQuery.DEFAULT_LIMIT));
    }

    /** The parameter's parsed value; a problem when repeated, empty or unparseable ({@code parse} answers null). */
    private <T> Optional<T> value(String name, Function<String, T> parse, String rule) {
        List<String> all = params.getAll(name);
        if (all.isEmpty()) return Optional.empty();
        if (all.size() > 1) {
            problems.add(new FieldProblem(name, "is given " + all.size() + " times; give it once"));
            return Optional.empty();
        }
        String raw = all.getFirst();
        T parsed = raw.isEmpty() ? null : parse.apply(raw);
        if (parsed == null) {
            problems.add(new FieldProblem(name, rule + ", got '" + shorten(raw) + "'"));
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    private static Boolean bool(String s) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    private static Long positiveLong(String s) {
        try {
            long n = Long.parseLong(s);
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shorten(String raw) {
        return raw.length() <= 80 ? raw : raw.substring(0, 80) + "…";
    }
}
