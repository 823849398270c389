package org.firehub.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
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
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;

/**
 * The registry API on a real HTTP server (127.0.0.1, free port) over a fresh migrated
 * PostgreSQL database: one per test class. Talks to it with java.net.http like any client.
 */
public final class ApiHarness implements AutoCloseable {
    public static final String PUBLIC_BASE = "https://fire.example.test";

    public final PgSettings pg;
    public final Vertx vertx = Vertx.vertx();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Pool pool;
    public final PasswordHasher hasher;
    public final UserRepository users;
    public final SessionService sessions;
    public final List<DeviceId> registeredNotices = new CopyOnWriteArrayList<>();
    public final String baseUrl;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiHarness(String dbPrefix) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 4);
        hasher = new PasswordHasher(vertx, meters);
        users = new UserRepository(pool);
        sessions = new SessionService(pool, users, hasher, meters);
        DeviceKindCatalogue catalogue = loadCatalogue();
        VenueService venues = new VenueService(pool, PUBLIC_BASE, meters);
        DeviceRegistration devices = new DeviceRegistration(pool, catalogue, meters, registeredNotices::add);
        CsvImporter importer = new CsvImporter(vertx, pool, venues, devices);
        var router = ApiRouter.create(vertx, new ApiServices(sessions, venues, devices, importer), meters);
        int port = FreePorts.next();
        server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        baseUrl = "http://127.0.0.1:" + port;
    }

    private static DeviceKindCatalogue loadCatalogue() {
        try {
            Path file = Path.of("../config/device-kinds.yaml");
            return DeviceKindCatalogue.load(file.toFile().exists() ? file : Path.of("config/device-kinds.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the device-kind catalogue", e);
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    /** Creates a user directly in the database (as an admin would) and returns a session token for it. */
    public String userWithSession(String username, String password, Role role) {
        await(hasher.hash(password).compose(hash -> users.create(username, hash, role, "G-01")));
        return await(sessions.login(username, password));
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return send(request);
    }

    public HttpResponse<String> post(String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return send(request);
    }

    public HttpResponse<String> postJson(String path, String token, String json) {
        return post(path, token, "application/json", json);
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

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    public long count(String table) throws SQLException {
        try (Connection c = jdbc(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        await(server.close());
        await(pool.close());
        hasher.close();
        await(vertx.close());
    }

    /** Every table whose rows, as text, contain the given string. */
    public List<String> tablesContaining(String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = jdbc()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            if (!tables.containsAll(List.of("devices", "sessions", "users", "venues"))) {
                throw new IllegalStateException("registry tables missing: " + tables);
            }
            for (String table : tables) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0")) {
                    ps.setString(1, needle);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) found.add(table);
                    }
                }
            }
        }
        return found;
    }
}
