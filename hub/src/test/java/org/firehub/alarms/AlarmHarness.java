package org.firehub.alarms;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.alarms.web.AlarmFeed;
import org.firehub.alarms.web.AlarmRoutes;
import org.firehub.alarms.web.FeedSettings;
import org.firehub.auth.SecretTokens;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.firehub.web.ApiErrors;

/**
 * The alarm store, the change fan-out, the live feed and the alarm API on a real HTTP server
 * (127.0.0.1, free port) over a fresh migrated PostgreSQL database: one per test class.
 * Venues, devices, people and sessions are written straight into PostgreSQL (as the registry
 * would), so no test pays for Argon2.
 */
public final class AlarmHarness implements AutoCloseable {
    public final PgSettings pg;
    public final Vertx vertx = Vertx.vertx();
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final Pool pool;
    public final AlarmChanges changes;
    public final PgAlarmStore store;
    public final AlarmFeed feed;
    public final String baseUrl;
    public final SessionService sessions;
    private final PasswordHasher hasher;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger names = new AtomicInteger();

    public AlarmHarness(String dbPrefix) {
        this(dbPrefix, FeedSettings.defaults());
    }

    public AlarmHarness(String dbPrefix, FeedSettings feedSettings) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 4);
        changes = AlarmChanges.create(vertx, meters);
        store = await(PgAlarmStore.start(vertx, pool, changes, meters));
        feed = AlarmFeed.start(vertx, changes, meters, feedSettings);
        hasher = new PasswordHasher(vertx, meters);
        sessions = new SessionService(pool, new UserRepository(pool), hasher, meters);
        Router router = Router.router(vertx);
        AlarmRoutes.mount(router, store, feed, AlarmScopes.byRole(), sessions);
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
        int port = FreePorts.next();
        server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        baseUrl = "http://127.0.0.1:" + port;
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    public long venue(String grid) {
        return insertReturningId("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street',"
                + " 'restaurant', ?, ?) RETURNING id", "Venue " + names.incrementAndGet(), grid, SecretTokens.generate());
    }

    public String device(long venueId) {
        String id = "dev-" + names.incrementAndGet();
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, 'gas', ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, venueId);
            ps.setBytes(3, SecretTokens.hash(SecretTokens.generate()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** A person with a live session; returns the bearer token. */
    public String person(Role role, String grid) {
        String username = role.wireName() + names.incrementAndGet();
        long userId = insertReturningId("INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', ?, ?)"
                + " RETURNING id", username, role.wireName(), grid);
        String token = SecretTokens.generate();
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + interval '1 hour')")) {
            ps.setBytes(1, SecretTokens.hash(token));
            ps.setLong(2, userId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return token;
    }

    public static AlarmRaise gasAlarm(AlarmSubject subject, String grid, String ruleId, Instant at) {
        return new AlarmRaise(subject, grid, ruleId, "gas_leak", Severity.MAJOR, at, Map.of("gas_lel_pct", 31.0),
                "gas_lel_pct 31.0 ≥ 25.0 for 10 s");
    }

    public Alarm raised(AlarmRaise raise) {
        return await(store.raise(raise)).orElseThrow(() -> new AssertionError("not a new alarm: " + raise)).alarm();
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return send(request);
    }

    public HttpResponse<String> postJson(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
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
        feed.close();
        await(server.close());
        store.close();
        await(pool.close());
        hasher.close();
        http.close();
        await(vertx.close());
    }
}
