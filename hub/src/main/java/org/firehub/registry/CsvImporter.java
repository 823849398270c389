package org.firehub.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports venues or devices from CSV, all or nothing: the whole file is checked first, and any
 * bad line refuses the file with {@link ImportRejected} naming every bad line and why; only a
 * clean file is inserted, in one transaction.
 *
 * <ul>
 *   <li>Venues: header {@code name,address,type,grid}.</li>
 *   <li>Devices: header {@code deviceId,kind,venueId}, or {@code deviceId,kind,venueName} to
 *       name the venue instead of giving its id (the name must match exactly one venue).</li>
 * </ul>
 * Column order is free; at most {@value #MAX_ROWS} rows per file.
 */
public final class CsvImporter {
    public static final int MAX_ROWS = 10_000;
    static final List<String> VENUE_COLUMNS = List.of("name", "address", "type", "grid");
    private static final Logger LOG = LoggerFactory.getLogger(CsvImporter.class);

    private final Vertx vertx;
    private final Pool pool;
    private final VenueService venues;
    private final DeviceRegistration devices;

    public CsvImporter(Vertx vertx, Pool pool, VenueService venues, DeviceRegistration devices) {
        this.vertx = vertx;
        this.pool = pool;
        this.venues = venues;
        this.devices = devices;
    }

    public Future<ImportResult> importVenues(String csv) {
        // Parsing and checking up to MAX_ROWS lines is CPU work: done on a worker, off the event loop.
        return vertx.executeBlocking(() -> checkVenues(csv), false).compose(checked -> {
            if (!checked.problems().isEmpty()) return rejected("venues", checked.problems());
            return pool.withTransaction(conn -> venues.insertAll(conn, checked.venues()))
                    .map(created -> {
                        LOG.info("imported {} venues from CSV", created.size());
                        return new ImportResult(created.size(), created, List.of());
                    });
        });
    }

    private record CheckedVenues(List<NewVenue> venues, List<LineProblem> problems) {}

    private static CheckedVenues checkVenues(String csv) {
        CsvTable table = CsvTable.parse(csv, VENUE_COLUMNS, Set.of(), MAX_ROWS);
        List<LineProblem> problems = new ArrayList<>(table.problems());
        List<NewVenue> valid = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            NewVenue venue = new NewVenue(row.get("name"), row.get("address"), row.get("type"), row.get("grid"));
            VenueRules.check(venue).forEach(p -> problems.add(new LineProblem(row.line(), p.toString())));
            valid.add(venue);
        }
        if (problems.isEmpty() && valid.isEmpty()) problems.add(new LineProblem(2, "the file has no venue rows"));
        return new CheckedVenues(valid, problems);
    }

    public Future<ImportResult> importDevices(String csv) {
        return new DeviceCsvCheck(vertx, pool, devices).check(csv).compose(checked -> {
            if (!checked.problems().isEmpty()) return rejected("devices", checked.problems());
            return pool.withTransaction(conn -> devices.insertAll(conn, checked.devices()))
                    .map(issued -> {
                        devices.announce(issued);
                        LOG.info("imported {} devices from CSV", issued.size());
                        return new ImportResult(issued.size(), List.of(), issued);
                    });
        });
    }

    private static <T> Future<T> rejected(String what, List<LineProblem> problems) {
        List<LineProblem> sorted = problems.stream().sorted(Comparator.comparingInt(LineProblem::line)).toList();
        LOG.info("refused a {} CSV import: {} problem(s), first: {}", what, sorted.size(), sorted.getFirst());
        return Future.failedFuture(new ImportRejected(sorted));
    }
}
