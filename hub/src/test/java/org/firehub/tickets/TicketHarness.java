package org.firehub.tickets;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
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
import org.firehub.alarms.AlarmChanges;
import org.firehub.alarms.PgAlarmStore;
import org.firehub.auth.SecretTokens;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.MutableClock;
import org.firehub.testing.TestDatabase;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.web.ApiErrors;
import org.firehub.web.BearerAuth;

/**
 * Tickets on a fresh migrated PostgreSQL, a real alarm store feeding them, and the ticket API on
 * a real HTTP server (127.0.0.1, free port): one per test class. People and sessions are written
 * straight into PostgreSQL (no Argon2 cost). Scopes are built here as the people helper's
 * {@code PgAccessScopes} will: town for admins and supervisors, the grid for grid workers, the
 * owned venues for owners.
 */
final class TicketHarness implements AutoCloseable {
    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Pool pool;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    final TicketService tickets;
    final PgAlarmStore alarms;
    final String baseUrl;
    final Map<Long, Set<Long>> ownedVenues = new ConcurrentHashMap<>();
    private final PasswordHasher hasher;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger names = new AtomicInteger();

    /** Someone who can sign in. */
    record Person(long id, String username, String token) {}

    TicketHarness(String dbPrefix) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 6);
        AccessScopes scopes = p -> Future.succeededFuture(switch (p.role()) {
            case ADMIN, SUPERVISOR -> AccessScope.everything();
            case GRID_WORKER -> p.grid() == null ? AccessScope.nothing() : AccessScope.grid(p.grid());
            case VENUE_OWNER -> new AccessScope.Venues(ownedVenues.getOrDefault(p.userId(), Set.of()));
        });
        tickets = TicketService.create(vertx, pool, scopes, TicketPolicy.defaults(), clock, TransitionGuard.NONE, meters);
        alarms = await(PgAlarmStore.start(vertx, pool, AlarmChanges.create(vertx, meters), tickets.alarmListener(), meters));
        hasher = new PasswordHasher(vertx, meters);
        SessionService sessions = new SessionService(pool, new UserRepository(pool), hasher, meters);
        Router router = Router.router(vertx);
        TicketRoutes.mount(router, tickets, new BearerAuth(sessions), clock);
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
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

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    long venue(String grid) {
        return insertReturningId("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street',"
                + " 'restaurant', ?, ?) RETURNING id", "Venue " + names.incrementAndGet(), grid, SecretTokens.generate());
    }

    String device(long venueId) {
        String id = "dev-" + names.incrementAndGet();
        execute("INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, 'gas', ?, ?)", id, venueId,
                SecretTokens.hash(SecretTokens.generate()));
        return id;
    }

    Person person(Role role, String grid) {
        String username = role.wireName() + names.incrementAndGet();
        long userId = insertReturningId("INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', ?, ?)"
                + " RETURNING id", username, role.wireName(), grid);
        String token = SecretTokens.generate();
        execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + interval '1 hour')",
                SecretTokens.hash(token), userId);
        return new Person(userId, username, token);
    }

    Person owner(long... venueIds) {
        Person owner = person(Role.VENUE_OWNER, null);
        Set<Long> venues = new java.util.HashSet<>();
        for (long v : venueIds) venues.add(v);
        ownedVenues.put(owner.id(), venues);
        return owner;
    }

    HttpResponse<String> get(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), who);
    }

    HttpResponse<String> post(String path, Person who, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())), who);
    }

    /** A patrol finding; returns the ticket's JSON (asserting 200 or 201). */
    JsonObject patrol(Person who, long venueId, String hazard, String severity) {
        HttpResponse<String> r = post("/api/v1/tickets", who,
                new JsonObject().put("venueId", venueId).put("hazard", hazard).put("severity", severity).put("note", "seen on patrol"));
        if (r.statusCode() != 201 && r.statusCode() != 200) throw new AssertionError("patrol: " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    HttpResponse<String> transition(Person who, long ticketId, JsonObject body) {
        return post("/api/v1/tickets/" + ticketId + "/transitions", who, body);
    }

    /** A transition that must succeed; returns the ticket's JSON. */
    JsonObject moved(Person who, long ticketId, JsonObject body) {
        HttpResponse<String> r = transition(who, ticketId, body);
        if (r.statusCode() != 200) throw new AssertionError("transition " + body + ": " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    JsonArray list(String query, Person who) {
        HttpResponse<String> r = get("/api/v1/tickets" + query, who);
        if (r.statusCode() != 200) throw new AssertionError("list: " + r.statusCode() + " " + r.body());
        return new JsonArray(r.body());
    }

    long count(String sql, Object... params) {
        return insertReturningId(sql, params);
    }

    void execute(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Person who) {
        if (who != null) request.header("Authorization", "Bearer " + who.token());
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long insertReturningId(String sql, Object... params) {
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

    @Override
    public void close() {
        await(server.close());
        alarms.close();
        tickets.close();
        await(pool.close());
        hasher.close();
        http.close();
        await(vertx.close());
    }
}
