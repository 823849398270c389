package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.firehub.web.ApiErrors;
import org.firehub.web.BearerAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/rules} on a real HTTP server with real sessions in a real database. The
 * refusal test breaks the shared file, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleRoutesTest {
    @TempDir
    static Path dir;
    static Path file;
    static String shipped;
    static Vertx vertx;
    static Pool pool;
    static PasswordHasher hasher;
    static RuleCatalogueWatcher watcher;
    static HttpServer server;
    static String baseUrl;
    static String admin;
    static String supervisor;
    static String gridWorker;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        shipped = Files.readString(CatalogueFiles.config("rules.yaml"));
        file = dir.resolve("rules.yaml");
        Files.writeString(file, shipped.replace("  venues: {}", "  venues:\n    17:\n      electrical.residual_current: {raise_at: 500}"));
        vertx = Vertx.vertx();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PgSettings pg = TestDatabase.migrated("rules_api");
        pool = pg.pool(vertx, 2);
        hasher = new PasswordHasher(vertx, meters);
        UserRepository users = new UserRepository(pool);
        SessionService sessions = new SessionService(pool, users, hasher, meters);
        watcher = RuleCatalogueWatcher.start(vertx, new RuleCatalogueLoader(file, CatalogueFiles.kinds(), Clock.systemUTC()),
                meters, Duration.ofMillis(100), Clock.systemUTC());
        Router router = Router.router(vertx);
        RuleRoutes.mount(router, watcher, new BearerAuth(sessions));
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
        int port = FreePorts.next();
        server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await();
        baseUrl = "http://127.0.0.1:" + port;
        admin = session(users, sessions, "admin1", Role.ADMIN);
        supervisor = session(users, sessions, "sup1", Role.SUPERVISOR);
        gridWorker = session(users, sessions, "gw1", Role.GRID_WORKER);
    }

    static String session(UserRepository users, SessionService sessions, String name, Role role) {
        String password = name + "-password-123";
        hasher.hash(password).compose(hash -> users.create(name, hash, role, "G-01")).await();
        return sessions.login(name, password).await();
    }

    @AfterAll
    static void stop() {
        watcher.close();
        server.close().await();
        pool.close().await();
        hasher.close();
        vertx.close().await();
    }

    static HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/rules")).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject rule(JsonObject body, String id) {
        return body.getJsonArray("rules").stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void supervisorSeesTheRulesInForceWithTheirVersion() throws Exception {
        HttpResponse<String> response = get(supervisor);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonObject body = new JsonObject(response.body());
        JsonObject status = body.getJsonObject("status");
        assertThat(status.getString("version")).isEqualTo(watcher.status().version()).hasSize(64);
        assertThat(status.getJsonObject("ruleCounts").getInteger("correlation")).isEqualTo(2);
        assertThat(status.getValue("lastRefused")).isNull();

        JsonObject residual = rule(body, "electrical.residual_current");
        assertThat(residual.getDouble("raise_at")).isEqualTo(300);
        assertThat(residual.getString("hold")).isEqualTo("10s");
        assertThat(residual.getString("hazard")).isEqualTo("residual_current_high");
        assertThat(rule(body, "smoke.offline").getString("offline_after")).isEqualTo("25h");
        assertThat(rule(body, "venue.confirmed_fire").getJsonArray("requires").getJsonArray(0))
                .containsExactlyInAnyOrder("heat_alarm", "heat_rise", "smoke_alarm");
        assertThat(body.getJsonObject("overrides").getJsonObject("venues").getJsonObject("17")
                .getJsonObject("electrical.residual_current").getDouble("raise_at")).isEqualTo(500);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aRefusedFileShowsItsLineAndTheRulesStillServed() throws Exception {
        String broken = shipped.replace("window: 120s", "window: 120");
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("window: 120") || l.contains("120s")).count();
        Files.writeString(file, broken);
        JsonObject refused = Await.value("the refusal is shown", Duration.ofSeconds(10), () -> {
            try {
                return new JsonObject(get(admin).body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, b -> b.getJsonObject("status").getValue("lastRefused") != null);
        JsonObject lastRefused = refused.getJsonObject("status").getJsonObject("lastRefused");
        assertThat(lastRefused.getString("error")).contains("rules.yaml:" + line + ":").contains("a duration needs a unit");
        JsonArray problems = lastRefused.getJsonArray("problems");
        assertThat(problems.getJsonObject(0).getInteger("line")).isEqualTo(line);
        assertThat(rule(refused, "venue.confirmed_fire").getString("window")).isEqualTo("2m");
        assertThat(refused.getJsonObject("status").getJsonObject("reloads").getLong("refused")).isEqualTo(1);
    }

    @Test
    void onlyAdminsAndSupervisorsSeeTheRules() throws Exception {
        assertThat(get(admin).statusCode()).isEqualTo(200);
        assertThat(get(null).statusCode()).isEqualTo(401);
        HttpResponse<String> worker = get(gridWorker);
        assertThat(worker.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(worker.body()).getString("error")).contains("admin or supervisor");
    }
}
