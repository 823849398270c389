package org.firehub.tickets.evidence;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.auth.SecretTokens;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.runtime.InfluxSettings;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.MutableClock;
import org.firehub.testing.TestDatabase;
import org.firehub.tickets.TicketPolicy;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.web.EvidenceRoutes;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.web.ApiErrors;
import org.firehub.web.BearerAuth;

/**
 * Tickets with evidence on a fresh migrated PostgreSQL, the ticket and evidence APIs on a real
 * HTTP server (127.0.0.1, free port), the evidence guard asking the given InfluxDB. People and
 * sessions are written straight into PostgreSQL; scopes as the people helper builds them.
 */
final class EvidenceHarness implements AutoCloseable {
    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Pool pool;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    final TicketService tickets;
    final TicketEvidence evidence;
    final String baseUrl;
    final Map<Long, Set<Long>> ownedVenues = new ConcurrentHashMap<>();
    private final PasswordHasher hasher;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger names = new AtomicInteger();

    record Person(long id, String username, String token) {}

    /** {@code retentionPolicy}: where readings are read from (null: the database's default). */
    EvidenceHarness(String dbPrefix, EvidencePolicy policy, InfluxSettings influx, String retentionPolicy) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 6);
        AccessScopes scopes = p -> Future.succeededFuture(switch (p.role()) {
            case ADMIN, SUPERVISOR -> AccessScope.everything();
            case GRID_WORKER -> p.grid() == null ? AccessScope.nothing() : AccessScope.grid(p.grid());
            case VENUE_OWNER -> new AccessScope.Venues(ownedVenues.getOrDefault(p.userId(), Set.of()));
        });
        evidence = TicketEvidence.create(vertx, pool, influx, retentionPolicy, policy, clock, meters);
        tickets = TicketService.create(vertx, pool, scopes, TicketPolicy.defaults(), clock, evidence.guard(), meters);
        hasher = new PasswordHasher(vertx, meters);
        SessionService sessions = new SessionService(pool, new UserRepository(pool), hasher, meters);
        BearerAuth auth = new BearerAuth(sessions);
        Router router = Router.router(vertx);
        // The shared failure handler first, as app/Hub mounts it (ApiRouter before the ticket routes).
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
        TicketRoutes.mount(router, tickets, auth, clock);
        EvidenceRoutes.mount(router, evidence.photos(tickets), auth);
        int port = FreePorts.next();
        server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        baseUrl = "http://127.0.0.1:" + port;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    long venue(String grid) {
        return query("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street',"
                + " 'restaurant', ?, ?) RETURNING id", "Venue " + names.incrementAndGet(), grid, SecretTokens.generate());
    }

    String device(long venueId) {
        String id = "dev-" + names.incrementAndGet();
        execute("INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, 'electrical', ?, ?)", id, venueId,
                SecretTokens.hash(SecretTokens.generate()));
        return id;
    }

    Person person(Role role, String grid) {
        String username = role.wireName() + names.incrementAndGet();
        long userId = query("INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', ?, ?)"
                + " RETURNING id", username, role.wireName(), grid);
        String token = SecretTokens.generate();
        execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + interval '1 hour')",
                SecretTokens.hash(token), userId);
        return new Person(userId, username, token);
    }

    Person owner(long venueId) {
        Person owner = person(Role.VENUE_OWNER, null);
        ownedVenues.put(owner.id(), Set.of(venueId));
        return owner;
    }

    /** A patrol finding in {@code venueId} (optionally of a device), dispatched to and accepted by {@code worker}: RECTIFYING. */
    long rectifying(Person dispatcher, Person worker, long venueId, String deviceId, String hazard) {
        JsonObject finding = new JsonObject().put("venueId", venueId).put("hazard", hazard).put("severity", "major")
                .put("note", "seen on patrol");
        if (deviceId != null) finding.put("deviceId", deviceId);
        HttpResponse<String> opened = post("/api/v1/tickets", dispatcher, finding);
        if (opened.statusCode() != 201) throw new AssertionError("patrol: " + opened.statusCode() + " " + opened.body());
        long id = new JsonObject(opened.body()).getLong("id");
        moved(dispatcher, id, new JsonObject().put("to", "DISPATCHED").put("assignee", worker.id()));
        moved(worker, id, new JsonObject().put("to", "RECTIFYING"));
        return id;
    }

    HttpResponse<byte[]> getBytes(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), who, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), who, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Person who, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())), who, HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads {@code bytes} as a photo with the given claimed Content-Type. */
    HttpResponse<String> upload(long ticketId, Person who, byte[] bytes, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tickets/" + ticketId + "/evidence?note=after%20repair"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), who,
                HttpResponse.BodyHandlers.ofString());
    }

    /** An upload that must succeed; the stored photo's metadata. */
    JsonObject uploaded(long ticketId, Person who, byte[] bytes) {
        HttpResponse<String> r = upload(ticketId, who, bytes, "image/jpeg");
        if (r.statusCode() != 201) throw new AssertionError("upload: " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    HttpResponse<String> transition(Person who, long ticketId, JsonObject body) {
        return post("/api/v1/tickets/" + ticketId + "/transitions", who, body);
    }

    JsonObject moved(Person who, long ticketId, JsonObject body) {
        HttpResponse<String> r = transition(who, ticketId, body);
        if (r.statusCode() != 200) throw new AssertionError("transition " + body + ": " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    double counted(String outcome) {
        return meters.counter("firehub.ticket.evidence", "outcome", outcome).count();
    }

    double checks(String kind, String outcome) {
        return meters.counter("firehub.ticket.evidence.checks", "kind", kind, "outcome", outcome).count();
    }

    long query(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, Person who, HttpResponse.BodyHandler<T> handler) {
        if (who != null) request.header("Authorization", "Bearer " + who.token());
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(server.close());
        tickets.close();
        evidence.close();
        await(pool.close());
        hasher.close();
        http.close();
        await(vertx.close());
    }
}
