package org.firehub.console;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.alarms.AlarmChanges;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmScopes;
import org.firehub.alarms.AlarmSubject;
import org.firehub.alarms.PgAlarmStore;
import org.firehub.rules.Severity;
import org.firehub.alarms.web.AlarmFeed;
import org.firehub.alarms.web.AlarmRoutes;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.people.AccessScopes;
import org.firehub.people.PasswordHasher;
import org.firehub.people.PgAccessScopes;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.runtime.InfluxProcess;
import org.firehub.runtime.InfluxSettings;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.firehub.testing.TestInflux;
import org.firehub.tickets.TicketPolicy;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.evidence.EvidencePolicy;
import org.firehub.tickets.evidence.TicketEvidence;
import org.firehub.tickets.web.AssigneeRoutes;
import org.firehub.tickets.web.EvidenceRoutes;
import org.firehub.tickets.web.FigureRoutes;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.web.ApiRouter;
import org.firehub.web.ApiServices;
import org.firehub.web.BearerAuth;

/**
 * The console as the hub serves it: the API (login, tickets), the console routes and the
 * readings endpoint on a real HTTP server (127.0.0.1, free port) over a fresh migrated
 * PostgreSQL and the shared real InfluxDB. Scopes from PostgreSQL ({@link PgAccessScopes}), as in the hub.
 */
final class ConsoleHarness implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Pool pool;
    final InfluxProcess influx = TestInflux.shared();
    final String influxDatabase;
    final String baseUrl;
    private final PasswordHasher hasher;
    private final UserRepository users;
    private final HttpServer server;
    private final TicketService tickets;
    private final PgAlarmStore alarms;
    private final TicketEvidence evidence;
    private final AlarmFeed feed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger names = new AtomicInteger();

    record Person(long id, String username, String bearer) {}

    ConsoleHarness(String dbPrefix) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 4);
        hasher = new PasswordHasher(vertx, meters);
        users = new UserRepository(pool);
        SessionService sessions = new SessionService(pool, users, hasher, meters);
        // The hub's own scopes: grid_members, grid leaders and venue_owners, read on every call.
        AccessScopes scopes = new PgAccessScopes(pool);
        influxDatabase = dbPrefix + "_readings";
        InfluxSettings influxSettings = new InfluxSettings(influx.url(), "", "", influxDatabase);
        // The hub's real evidence rules: a photo is required to submit a rectification.
        evidence = TicketEvidence.create(vertx, pool, influxSettings, "autogen", EvidencePolicy.defaults(), Clock.systemUTC(), meters);
        tickets = TicketService.create(vertx, pool, scopes, TicketPolicy.defaults(), Clock.systemUTC(), evidence.guard(), meters);
        AlarmChanges changes = AlarmChanges.create(vertx, meters);
        alarms = await(PgAlarmStore.start(vertx, pool, changes, tickets.alarmListener(), meters));
        feed = AlarmFeed.start(vertx, changes, meters);
        influxPost("/query?q=" + URLEncoder.encode("CREATE DATABASE " + influxDatabase, StandardCharsets.UTF_8), "");

        VenueService venues = new VenueService(pool, "http://localhost", meters);
        DeviceRegistration devices = new DeviceRegistration(pool, catalogue(), meters, device -> {});
        Router router = Router.router(vertx);
        ApiRouter.mount(router, new ApiServices(sessions, venues, devices, new CsvImporter(vertx, pool, venues, devices)), scopes, meters);
        BearerAuth auth = new BearerAuth(sessions);
        TicketRoutes.mount(router, tickets, auth, Clock.systemUTC());
        AssigneeRoutes.mount(router, pool, tickets, auth);
        ReadingRoutes.mount(router, pool, scopes,
                new ReadingQuery(vertx, influxSettings, "autogen"), auth, Clock.systemUTC());
        EvidenceRoutes.mount(router, evidence.photos(tickets), auth);
        FigureRoutes.mount(router, pool, scopes, auth, java.time.ZoneOffset.UTC, Clock.systemUTC());
        AlarmRoutes.mount(router, alarms, feed, AlarmScopes.from(scopes), sessions);
        ConsoleRoutes.mount(router, sessions::authenticate);
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

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    /** Someone who can sign in with {@link #PASSWORD}; {@code bearer} is a bearer session for API set-up. */
    Person person(Role role, String grid) {
        return person(role, grid, null);
    }

    /** As {@link #person(Role, String)}, with a display name; a grid worker becomes a member of {@code grid}. */
    Person person(Role role, String grid, String displayName) {
        String username = role.wireName() + names.incrementAndGet();
        long id = await(hasher.hash(PASSWORD).compose(hash -> users.create(username, hash, role, grid))).id();
        if (displayName != null) execute("UPDATE users SET display_name = ? WHERE id = ?", displayName, id);
        if (role == Role.GRID_WORKER && grid != null) {
            execute("INSERT INTO grids (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING", grid, grid);
            execute("INSERT INTO grid_members (user_id, grid) VALUES (?, ?)", id, grid);
        }
        HttpResponse<String> login = send("POST", "/api/v1/login",
                new JsonObject().put("username", username).put("password", PASSWORD).encode(), Map.of("Content-Type", "application/json"));
        if (login.statusCode() != 200) throw new AssertionError("login: " + login.body());
        return new Person(id, username, new JsonObject(login.body()).getString("token"));
    }

    long venue(String grid) {
        return venue(grid, "Venue " + names.incrementAndGet());
    }

    long venue(String grid, String name) {
        return queryLong("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street', 'restaurant', ?, ?)"
                + " RETURNING id", name, grid, "qr-" + names.incrementAndGet() + "-aaaaaaaaaaaaaaaaaaaaaa");
    }

    String device(long venueId) {
        String id = "dev-" + names.incrementAndGet();
        queryLong("INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, 'gas', ?, 'x') RETURNING 1", id, venueId);
        return id;
    }

    /** A patrol finding by {@code who}: the ticket's id. */
    long ticket(Person who, long venueId, String hazard) {
        HttpResponse<String> r = send("POST", "/api/v1/tickets", new JsonObject().put("venueId", venueId).put("hazard", hazard)
                .put("severity", "major").put("note", "seen on patrol").encode(),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + who.bearer()));
        if (r.statusCode() != 201) throw new AssertionError("patrol: " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body()).getLong("id");
    }

    /** A transition that must succeed, by {@code who} over the API. */
    void transition(Person who, long ticketId, JsonObject body) {
        HttpResponse<String> r = send("POST", "/api/v1/tickets/" + ticketId + "/transitions", body.encode(),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + who.bearer()));
        if (r.statusCode() != 200) throw new AssertionError("transition: " + r.statusCode() + " " + r.body());
    }

    /** Raises a new critical smoke alarm on the device, as the rule engine would. */
    void raiseSmoke(long venueId, String deviceId, String grid) {
        await(alarms.raise(new AlarmRaise(AlarmSubject.device(venueId, deviceId), grid, "smoke-alarm", "smoke",
                Severity.CRITICAL, java.time.Instant.now(), Map.of(), "event alarm")));
    }

    /** Writes line protocol into the test's InfluxDB database. */
    void writeReadings(String lines) {
        HttpResponse<String> r = influxPost("/write?precision=ms&db=" + influxDatabase, lines);
        if (r.statusCode() != 204) throw new AssertionError("influx write: " + r.statusCode() + " " + r.body());
    }

    private HttpResponse<String> influxPost(String path, String body) {
        return exchange(HttpRequest.newBuilder(URI.create(influx.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return exchange(request);
    }

    HttpResponse<String> get(String path, Person who) {
        return send("GET", path, null, who == null ? Map.of() : Map.of("Authorization", "Bearer " + who.bearer()));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement over JDBC (set-up: owners, leaders, disabling). */
    void execute(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long queryLong(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
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
        alarms.close();
        tickets.close();
        evidence.close();
        await(server.close());
        await(pool.close());
        hasher.close();
        await(vertx.close());
    }
}
