package org.firehub.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a devices CSV file whole: each line's fields, ids repeated within the file, ids
 * already registered, and venues that do not exist (by id) or are not one venue (by name).
 */
final class DeviceCsvCheck {
    private static final List<String> REQUIRED = List.of("deviceId", "kind");
    private static final Set<String> VENUE_COLUMNS = Set.of("venueId", "venueName");

    record Checked(List<NewDevice> devices, List<LineProblem> problems) {}

    /** What a line's venue column resolved to. */
    private sealed interface VenueMatch {
        record Found(long id) implements VenueMatch {}
        record Refused(String reason) implements VenueMatch {}
    }

    /** A line that passed the per-line checks; its venue is resolved against the database afterwards. */
    private record Candidate(int line, String deviceId, String kind, Long venueId, String venueName) {}

    /** The outcome of the checks that need no database; {@code headerBroken} ends the check early. */
    private record FirstPass(boolean byId, boolean headerBroken, List<Candidate> candidates, List<LineProblem> problems) {}

    private final Vertx vertx;
    private final Pool pool;
    private final DeviceRegistration registration;

    DeviceCsvCheck(Vertx vertx, Pool pool, DeviceRegistration registration) {
        this.vertx = vertx;
        this.pool = pool;
        this.registration = registration;
    }

    /** Parsing and line checks of up to MAX_ROWS lines is CPU work: done on a worker, off the event loop. */
    Future<Checked> check(String csv) {
        return vertx.executeBlocking(() -> firstPass(csv), false).compose(first -> first.headerBroken()
                ? Future.succeededFuture(new Checked(List.of(), first.problems()))
                : againstTheDatabase(first));
    }

    private FirstPass firstPass(String csv) {
        CsvTable table = CsvTable.parse(csv, REQUIRED, VENUE_COLUMNS, CsvImporter.MAX_ROWS);
        List<LineProblem> problems = new ArrayList<>(table.problems());
        boolean byId = table.columns().contains("venueId");
        boolean byName = table.columns().contains("venueName");
        boolean headerBroken = problems.stream().anyMatch(p -> p.line() == 1);
        if (!headerBroken && byId == byName) {
            problems.add(new LineProblem(1, "the header needs exactly one of the columns venueId or venueName"
                    + " (header found: " + String.join(",", table.columns()) + ")"));
            headerBroken = true;
        }
        if (headerBroken) return new FirstPass(byId, true, List.of(), problems);
        List<Candidate> candidates = checkLines(table, byId, problems);
        if (candidates.isEmpty() && problems.isEmpty()) problems.add(new LineProblem(2, "the file has no device rows"));
        return new FirstPass(byId, false, candidates, problems);
    }

    private Future<Checked> againstTheDatabase(FirstPass first) {
        List<Candidate> candidates = first.candidates();
        List<LineProblem> problems = first.problems();
        List<String> ids = candidates.stream().map(Candidate::deviceId).toList();
        return registration.registeredAmong(ids)
                .compose(registered -> {
                    candidates.stream().filter(c -> registered.contains(c.deviceId())).forEach(c -> problems.add(
                            new LineProblem(c.line(), "deviceId '" + c.deviceId() + "' is already registered")));
                    return first.byId() ? venueIdsThatExist(candidates) : venueIdsByName(candidates);
                })
                .map(venueOf -> {
                    List<NewDevice> devices = new ArrayList<>();
                    for (Candidate c : candidates) {
                        switch (venueOf.get(c.line())) {
                            case VenueMatch.Found found -> devices.add(new NewDevice(c.deviceId(), c.kind(), found.id()));
                            case VenueMatch.Refused refused -> problems.add(new LineProblem(c.line(), refused.reason()));
                        }
                    }
                    return new Checked(devices, problems);
                });
    }

    private List<Candidate> checkLines(CsvTable table, boolean byId, List<LineProblem> problems) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            int before = problems.size();
            String deviceId = row.get("deviceId");
            String kind = row.get("kind");
            DeviceRules.deviceIdProblem(deviceId).ifPresent(reason -> problems.add(new LineProblem(row.line(), reason)));
            DeviceRules.kindProblem(kind, registration.catalogue())
                    .ifPresent(reason -> problems.add(new LineProblem(row.line(), reason)));
            Long venueId = null;
            String venueName = null;
            if (byId) {
                venueId = parseVenueId(row.get("venueId"), row.line(), problems);
            } else {
                venueName = row.get("venueName");
                if (venueName == null) problems.add(new LineProblem(row.line(), "venueName is required"));
            }
            if (deviceId != null) {
                Integer earlier = firstLineOfId.putIfAbsent(deviceId, row.line());
                if (earlier != null) {
                    problems.add(new LineProblem(row.line(), "deviceId '" + deviceId + "' is also on line " + earlier));
                }
            }
            if (problems.size() == before) candidates.add(new Candidate(row.line(), deviceId, kind, venueId, venueName));
        }
        return candidates;
    }

    private static Long parseVenueId(String raw, int line, List<LineProblem> problems) {
        if (raw == null) {
            problems.add(new LineProblem(line, "venueId is required"));
            return null;
        }
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException ignored) {
            // reported just below, with the value
        }
        problems.add(new LineProblem(line, "venueId '" + VenueRules.abbreviate(raw) + "' is not a venue id (a positive whole number)"));
        return null;
    }

    /** Per line: the venue when it exists, else why not. */
    private Future<Map<Integer, VenueMatch>> venueIdsThatExist(List<Candidate> candidates) {
        Long[] ids = candidates.stream().map(Candidate::venueId).distinct().toArray(Long[]::new);
        return pool.preparedQuery("SELECT id FROM venues WHERE id = ANY($1)").execute(Tuple.of(ids)).map(rows -> {
            Set<Long> existing = new HashSet<>();
            rows.forEach(row -> existing.add(row.getLong(0)));
            Map<Integer, VenueMatch> venueOf = new LinkedHashMap<>();
            for (Candidate c : candidates) {
                venueOf.put(c.line(), existing.contains(c.venueId())
                        ? new VenueMatch.Found(c.venueId())
                        : new VenueMatch.Refused("no venue with id " + c.venueId()));
            }
            return venueOf;
        });
    }

    private Future<Map<Integer, VenueMatch>> venueIdsByName(List<Candidate> candidates) {
        String[] names = candidates.stream().map(Candidate::venueName).distinct().toArray(String[]::new);
        return pool.preparedQuery("SELECT id, name FROM venues WHERE name = ANY($1)").execute(Tuple.of(names)).map(rows -> {
            Map<String, List<Long>> idsByName = new HashMap<>();
            rows.forEach(row -> idsByName.computeIfAbsent(row.getString("name"), n -> new ArrayList<>()).add(row.getLong("id")));
            Map<Integer, VenueMatch> venueOf = new LinkedHashMap<>();
            for (Candidate c : candidates) {
                List<Long> matches = idsByName.getOrDefault(c.venueName(), List.of());
                venueOf.put(c.line(), switch (matches.size()) {
                    case 0 -> new VenueMatch.Refused("no venue named '" + VenueRules.abbreviate(c.venueName()) + "'");
                    case 1 -> new VenueMatch.Found(matches.getFirst());
                    default -> new VenueMatch.Refused("venue name '" + VenueRules.abbreviate(c.venueName()) + "' matches " + matches.size()
                            + " venues (ids " + matches + "); use a venueId column instead");
                });
            }
            return venueOf;
        });
    }
}
