package org.firehub.people.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.alarms.AlarmChanges;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmScopes;
import org.firehub.alarms.AlarmSubject;
import org.firehub.alarms.PgAlarmStore;
import org.firehub.alarms.web.AlarmFeed;
import org.firehub.alarms.web.AlarmRoutes;
import org.firehub.auth.SecretTokens;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.people.PasswordHasher;
import org.firehub.people.PgAccessScopes;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.firehub.tickets.TicketPolicy;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.TransitionGuard;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.web.ApiRouter;
import org.firehub.web.ApiServices;
import org.firehub.web.BearerAuth;

/**
 * The hub's API as {@code app/Hub} wires it for issue 7 — registry, people admin, alarms and
 * tickets, all scoped by one {@link PgAccessScopes} — on a real HTTP server (127.0.0.1, free
 * port) over a fresh migrated PostgreSQL: one per test class. People and their sessions are
 * written straight into PostgreSQL (no Argon2 cost) unless a test logs in for real.
 */
public final class PeopleHarness implements AutoCloseable {
    public final PgSettings pg;
    public final Vertx vertx = Vertx.vertx();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Pool pool;
    public final PasswordHasher hasher;
    public final SessionService sessions;
    public final PgAlarmStore alarms;
    public final List<Long> revokedSessionsOf = new CopyOnWriteArrayList<>();
    public final String baseUrl;
    private final TicketService tickets;
    private final AlarmFeed feed;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger names = new AtomicInteger();

    /** Someone who can sign in with {@code token}. */
    public record Person(long id, String username, String token) {}

    public PeopleHarness(String dbPrefix) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 6);
        hasher = new PasswordHasher(vertx, meters);
        sessions = new SessionService(pool, new UserRepository(pool), hasher, meters);
        PgAccessScopes scopes = new PgAccessScopes(pool);
        VenueService venues = new VenueService(pool, "https://fire.example.test", meters);
        DeviceRegistration devices = new DeviceRegistration(pool, catalogue(), meters, id -> { });
        tickets = TicketService.create(vertx, pool, scopes, TicketPolicy.defaults(), Clock.systemUTC(), TransitionGuard.NONE, meters);
        AlarmChanges changes = AlarmChanges.create(vertx, meters);
        alarms = await(PgAlarmStore.start(vertx, pool, changes, meters));
        feed = AlarmFeed.start(vertx, changes, meters);
        BearerAuth auth = new BearerAuth(sessions);

        Router router = Router.router(vertx);
        ApiRouter.mount(router, new ApiServices(sessions, venues, devices, new CsvImporter(vertx, pool, venues, devices)),
                scopes, meters);
        PeopleRoutes.mount(router, pool, hasher, auth, revokedSessionsOf::add, meters);
        AlarmRoutes.mount(router, alarms, feed, AlarmScopes.from(scopes), sessions);
        TicketRoutes.mount(router, tickets, auth, Clock.systemUTC());
        int port = FreePorts.next();
        server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        baseUrl = "http://127.0.0.1:" + port;
    }

    private static DeviceKindCatalogue catalogue() {
        try {
            Path file = Path.of("../config/device-kinds.yaml");
            return DeviceKindCatalogue.load(file.toFile().exists() ? file : Path.of("config/device-kinds.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the device-kind catalogue", e);
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    // ---- data written straight into PostgreSQL ----

    public long venue(String grid) {
        return queryLong("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street', 'restaurant', ?, ?)"
                + " RETURNING id", "Venue " + names.incrementAndGet(), grid, SecretTokens.generate());
    }

    public String device(long venueId) {
        String id = "dev-" + names.incrementAndGet();
        execute("INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, 'gas', ?, ?)", id, venueId,
                SecretTokens.hash(SecretTokens.generate()));
        return id;
    }

    /** A person with a session; a grid worker is a member of {@code grids}, an owner owns nothing yet. */
    public Person person(Role role, String... grids) {
        String username = role.wireName() + names.incrementAndGet();
        long userId = queryLong("INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', ?, ?) RETURNING id",
                username, role.wireName(), grids.length == 0 ? null : grids[0]);
        for (String grid : grids) {
            execute("INSERT INTO grids (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING", grid, grid);
            execute("INSERT INTO grid_members (user_id, grid) VALUES (?, ?)", userId, grid);
        }
        return new Person(userId, username, session(userId));
    }

    /** A user with a real Argon2id password, for clients that log in (the CLI). */
    public long userWithPassword(String username, String password, Role role) {
        return await(hasher.hash(password).compose(hash -> new UserRepository(pool).create(username, hash, role, null))).id();
    }

    public String session(long userId) {
        String token = SecretTokens.generate();
        execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + interval '1 hour')",
                SecretTokens.hash(token), userId);
        return token;
    }

    public Person owner(long... venueIds) {
        Person owner = person(Role.VENUE_OWNER);
        for (long venue : venueIds) execute("INSERT INTO venue_owners (user_id, venue_id) VALUES (?, ?)", owner.id(), venue);
        return owner;
    }

    /** A raised alarm's id. */
    public long alarm(long venueId, String grid) {
        AlarmRaise raise = new AlarmRaise(AlarmSubject.venue(venueId), grid, "test.rule." + names.incrementAndGet(), "gas_leak",
                Severity.MAJOR, Instant.now(), Map.of("gas_lel_pct", 31.0), "gas_lel_pct 31.0 ≥ 25.0");
        return await(alarms.raise(raise)).orElseThrow().alarm().id();
    }

    // ---- HTTP ----

    public HttpResponse<String> get(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), who);
    }

    public HttpResponse<String> post(String path, Person who, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())), who);
    }

    public HttpResponse<String> patch(String path, Person who, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())), who);
    }

    public HttpResponse<String> put(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).PUT(HttpRequest.BodyPublishers.noBody()), who);
    }

    public HttpResponse<String> delete(String path, Person who) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), who);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Person who) {
        if (who != null) request.header("Authorization", "Bearer " + who.token());
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- JDBC ----

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    public long queryLong(String sql, Object... params) {
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

    /** Each row's columns joined by '|', for asserting audit entries. */
    public List<String> rows(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    rows.add(row.toString());
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(server.close());
        feed.close();
        alarms.close();
        tickets.close();
        await(pool.close());
        hasher.close();
        http.close();
        await(vertx.close());
    }
}
