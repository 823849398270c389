package org.firehub.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.auth.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Venues: creation with field-level validation and an unguessable QR token, whose public
 * page is {@code {publicBaseUrl}/v/{qrToken}}.
 */
public final class VenueService {
    public static final String DEFAULT_PUBLIC_BASE_URL = "http://localhost:8080";
    private static final Logger LOG = LoggerFactory.getLogger(VenueService.class);
    private static final String INSERT = "INSERT INTO venues (name, address, type, grid, qr_token)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING id, qr_token";

    private final Pool pool;
    private final String publicBaseUrl;
    private final Counter createdByApi;
    private final Counter createdByImport;

    /** @param publicBaseUrl where residents reach the hub, e.g. {@code https://fire.example-town.cn} */
    public VenueService(Pool pool, String publicBaseUrl, MeterRegistry meters) {
        this.pool = pool;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        this.createdByApi = created(meters, "api");
        this.createdByImport = created(meters, "import");
    }

    private static Counter created(MeterRegistry meters, String source) {
        return Counter.builder("firehub.registry.venues.created").tag("source", source)
                .description("Venues created").register(meters);
    }

    public String publicUrl(String qrToken) {
        return publicBaseUrl + "/v/" + qrToken;
    }

    /** Creates a venue; a failed {@link InvalidInput} names every bad field. */
    public Future<CreatedVenue> create(NewVenue venue) {
        List<FieldProblem> problems = VenueRules.check(venue);
        if (!problems.isEmpty()) return Future.failedFuture(new InvalidInput(problems));
        return pool.preparedQuery(INSERT).execute(insertTuple(venue))
                .map(rows -> {
                    CreatedVenue created = toCreated(rows.iterator().next());
                    createdByApi.increment();
                    LOG.info("venue {} '{}' created in grid {}", created.id(), venue.name(), venue.grid());
                    return created;
                });
    }

    public Future<List<Venue>> list() {
        return pool.query("SELECT id, name, address, type, grid, qr_token FROM venues ORDER BY id").execute()
                .map(rows -> {
                    List<Venue> venues = new ArrayList<>(rows.size());
                    rows.forEach(row -> venues.add(toVenue(row)));
                    return venues;
                });
    }

    public Future<Optional<Venue>> find(long id) {
        return pool.preparedQuery("SELECT id, name, address, type, grid, qr_token FROM venues WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toVenue(rows.iterator().next())));
    }

    /** Inserts already validated venues through the given client (a transaction's connection). */
    Future<List<CreatedVenue>> insertAll(SqlClient client, List<NewVenue> venues) {
        if (venues.isEmpty()) return Future.succeededFuture(List.of());
        List<Tuple> batch = venues.stream().map(VenueService::insertTuple).toList();
        return client.preparedQuery(INSERT).executeBatch(batch).map(first -> {
            List<CreatedVenue> created = new ArrayList<>(venues.size());
            for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
                rows.forEach(row -> created.add(toCreated(row)));
            }
            createdByImport.increment(created.size());
            return created;
        });
    }

    private static Tuple insertTuple(NewVenue venue) {
        return Tuple.of(venue.name(), venue.address(), venue.type(), venue.grid(), SecretTokens.generate());
    }

    private CreatedVenue toCreated(Row row) {
        String qrToken = row.getString("qr_token");
        return new CreatedVenue(row.getLong("id"), qrToken, publicUrl(qrToken));
    }

    private Venue toVenue(Row row) {
        String qrToken = row.getString("qr_token");
        return new Venue(row.getLong("id"), row.getString("name"), row.getString("address"), row.getString("type"),
                row.getString("grid"), qrToken, publicUrl(qrToken));
    }
}
