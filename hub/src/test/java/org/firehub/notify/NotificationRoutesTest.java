package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.web.ApiErrors;
import org.firehub.web.ApiHarness;
import org.firehub.web.BearerAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin view of the outbox over real HTTP, with real sessions. */
class NotificationRoutesTest {
    private static ApiHarness api;
    private static Notifications notifications;
    private static HttpServer server;
    private static String base;
    private static String adminToken;
    private static String workerToken;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("notify_routes");
        // Nobody listens there: the row is dead after one refused attempt.
        Webhook down = Samples.webhook("down", "http://127.0.0.1:" + FreePorts.next() + "/hook", 1, Duration.ofSeconds(1));
        notifications = Notifications.create(api.vertx, api.pool, Samples.config(down), Samples.FAST_POLL, api.meters,
                java.time.Clock.systemUTC());
        ApiHarness.await(notifications.start());
        Router router = Router.router(api.vertx);
        NotificationRoutes.mount(router, notifications, new BearerAuth(api.sessions));
        router.route("/api/v1/*").failureHandler(new ApiErrors(api.meters)::handle);
        int port = FreePorts.next();
        server = ApiHarness.await(api.vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        base = "http://127.0.0.1:" + port;
        adminToken = api.userWithSession("root", "correct horse battery", Role.ADMIN);
        workerToken = api.userWithSession("wang", "correct horse battery", Role.GRID_WORKER);
    }

    @AfterAll
    static void stop() {
        ApiHarness.await(notifications.stop());
        ApiHarness.await(server.close());
        api.close();
    }

    @Test
    void adminSeesDeadLettersWithTheirLastError() {
        ApiHarness.await(notifications.enqueue(AlarmNotifications.of(Samples.raised(77, "grid-3", Severity.CRITICAL))));

        JsonArray dead = Await.value("a dead letter", Duration.ofSeconds(15),
                () -> new JsonArray(get("/api/v1/notifications?state=dead", adminToken).body()), a -> !a.isEmpty());

        JsonObject entry = dead.getJsonObject(0);
        assertThat(entry.getString("webhook")).isEqualTo("down");
        assertThat(entry.getString("type")).isEqualTo("alarm.raised");
        assertThat(entry.getString("state")).isEqualTo("dead");
        assertThat(entry.getInteger("attempts")).isEqualTo(1);
        assertThat(entry.getString("lastError")).containsIgnoringCase("refused");
        assertThat(entry.getJsonObject("payload").getJsonObject("alarm").getLong("id")).isEqualTo(77);
        assertThat(new JsonArray(get("/api/v1/notifications?state=delivered", adminToken).body())).isEmpty();
    }

    @Test
    void onlyAdminsMayLook() {
        assertThat(get("/api/v1/notifications", workerToken).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/notifications", null).statusCode()).isEqualTo(401);
    }

    @Test
    void badQueryIsRefusedWithTheReason() {
        HttpResponse<String> badState = get("/api/v1/notifications?state=lost", adminToken);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badState.body()).getString("error")).contains("state must be pending, delivered or dead");
        assertThat(get("/api/v1/notifications?limit=0", adminToken).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/notifications?limit=ten", adminToken).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> get(String path, String token) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).GET().timeout(Duration.ofSeconds(10));
            if (token != null) request.header("Authorization", "Bearer " + token);
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
