package org.firehub.web;

import static org.firehub.web.ApiHarness.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.SessionSettings;
import org.firehub.people.User;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;

/**
 * The API on a real HTTP server (127.0.0.1, free port) over a fresh migrated database, with
 * session settings of the test's choosing; requests carry exactly the headers a test gives
 * (no cookie jar), so what a browser would send is spelled out in each test.
 */
final class SessionHarness implements AutoCloseable {
    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Pool pool;
    final PasswordHasher hasher;
    final UserRepository users;
    final SessionService sessions;
    final String baseUrl;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SessionHarness(String dbPrefix, SessionSettings settings) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 4);
        hasher = new PasswordHasher(vertx, meters);
        users = new UserRepository(pool);
        sessions = new SessionService(pool, hasher, meters, settings);
        VenueService venues = new VenueService(pool, ApiHarness.PUBLIC_BASE, meters);
        DeviceRegistration devices = new DeviceRegistration(pool, catalogue(), meters, device -> {});
        var router = ApiRouter.create(vertx, new ApiServices(sessions, venues, devices,
                new CsvImporter(vertx, pool, venues, devices)), meters);
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

    User user(String username, String password, Role role) {
        return await(hasher.hash(password).compose(hash -> users.create(username, hash, role, "G-01")));
    }

    static String credentials(String username, String password) {
        return new JsonObject().put("username", username).put("password", password).encode();
    }

    static String cookieCredentials(String username, String password) {
        return new JsonObject().put("username", username).put("password", password).put("session", "cookie").encode();
    }

    HttpResponse<String> login(String json) {
        return send("POST", "/api/v1/login", json, Map.of("Content-Type", "application/json"));
    }

    /** A bearer token for the user (fails the test when the login does). */
    String bearer(String username, String password) {
        HttpResponse<String> response = login(credentials(username, password));
        if (response.statusCode() != 200) throw new AssertionError("login failed: " + response.body());
        return new JsonObject(response.body()).getString("token");
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> withBearer(String method, String path, String token, String json) {
        return send(method, path, json, json == null ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    }

    double logins(String outcome) {
        return meters.counter("firehub.logins", "outcome", outcome).count();
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    /** Runs one statement over JDBC and returns its update count. */
    int execute(String sql) throws SQLException {
        try (Connection c = jdbc(); var statement = c.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        await(server.close());
        await(pool.close());
        hasher.close();
        await(vertx.close());
    }
}
