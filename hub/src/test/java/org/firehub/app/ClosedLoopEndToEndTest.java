package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop through the hub as an operator runs it, with the people who work it: an admin
 * sets up a grid with its worker and leader, a finding is dispatched, the worker's submission
 * without a photo is refused, with one it passes, and the supervisor closes it; a worker of
 * another grid cannot see the ticket at all, and the console's cookie session needs its CSRF
 * token to act. Every piece is a real part: the hub process, PostgreSQL, InfluxDB.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClosedLoopEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    static Path home;
    private static HubProcess hub;
    private static String admin;

    @BeforeAll
    static void start() {
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("closedloop"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_closedloop").start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        admin = hub.adminToken();
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void aFindingGoesFromDispatchToClosureWithAPhotoAndOnlyItsGridSeesIt() throws Exception {
        long venue = call("POST", "/api/v1/venues", admin, Map.of("name", "Lanzhou Noodles", "address", "3 East St",
                "type", "restaurant", "grid", "E2E-G1"), 201).path("id").asLong();
        call("POST", "/api/v1/venues", admin, Map.of("name", "Other shop", "address", "9 West St",
                "type", "shop", "grid", "E2E-G2"), 201);
        long worker = user("e2e.worker", "grid_worker", List.of("E2E-G1"));
        long otherWorker = user("e2e.other", "grid_worker", List.of("E2E-G2"));
        user("e2e.super", "supervisor", null);
        call("PATCH", "/api/v1/grids/E2E-G1", admin, Map.of("leaderUserId", worker), 200);

        String workerToken = login("e2e.worker");
        String otherToken = login("e2e.other");
        String supervisorToken = login("e2e.super");

        JsonNode ticket = call("POST", "/api/v1/tickets", supervisorToken, Map.of("venueId", venue,
                "hazard", "blocked_exit", "severity", "major", "note", "rear exit blocked by crates"), 201);
        long id = ticket.path("id").asLong();
        assertThat(call("GET", "/api/v1/tickets/" + id, otherToken, null, 404).path("code").asText()).isEqualTo("not_found");
        assertThat(call("GET", "/api/v1/tickets", otherToken, null, 200)).isEmpty();
        assertThat(call("GET", "/api/v1/venues/" + venue, otherToken, null, 404).path("code").asText()).isEqualTo("not_found");
        assertThat(call("GET", "/api/v1/tickets/" + id, workerToken, null, 200).path("state").asText()).isEqualTo("OPEN");
        JsonNode risk = call("GET", "/api/v1/venues/" + venue + "/risk", workerToken, null, 200);
        assertThat(risk.path("level").asText()).as("an open major hazard").isNotEqualTo("green");
        assertThat(risk.path("facts").path("openMajor").asInt()).isEqualTo(1);
        assertThat(risk.path("reasons")).isNotEmpty();
        assertThat(call("GET", "/api/v1/venues/" + venue + "/risk", otherToken, null, 404).path("code").asText()).isEqualTo("not_found");

        call("POST", "/api/v1/tickets/" + id + "/transitions", supervisorToken, Map.of("to", "DISPATCHED", "assignee", worker), 200);
        call("POST", "/api/v1/tickets/" + id + "/transitions", workerToken, Map.of("to", "RECTIFYING"), 200);
        JsonNode refused = call("POST", "/api/v1/tickets/" + id + "/transitions", workerToken,
                Map.of("to", "SUBMITTED", "note", "crates moved"), 409);
        assertThat(refused.path("code").asText()).isEqualTo("evidence_required");
        assertThat(refused.path("message").asText()).containsIgnoringCase("photo");

        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/api/v1/tickets/" + id + "/evidence?note=after"))
                .header("Authorization", "Bearer " + workerToken).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png())));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        long photo = JSON.readTree(upload.body()).path("id").asLong();
        call("POST", "/api/v1/tickets/" + id + "/transitions", workerToken, Map.of("to", "SUBMITTED", "note", "crates moved"), 200);
        assertThat(call("POST", "/api/v1/tickets/" + id + "/transitions", workerToken, Map.of("to", "CLOSED"), 403)
                .path("code").asText()).as("no self-verification").isEqualTo("forbidden");
        assertThat(call("POST", "/api/v1/tickets/" + id + "/transitions", supervisorToken, Map.of("to", "CLOSED"), 200)
                .path("state").asText()).isEqualTo("CLOSED");

        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/tickets/" + id + "/evidence/" + photo))
                .header("Authorization", "Bearer " + supervisorToken).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/api/v1/tickets/" + id + "/evidence/" + photo))
                .header("Authorization", "Bearer " + otherToken).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(404);

        List<String> actions = new ArrayList<>();
        call("GET", "/api/v1/tickets/" + id + "/history", supervisorToken, null, 200).forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsSubsequence("opened", "dispatch", "accept", "evidence_added", "submit", "verify");

        List<String> audit = new ArrayList<>();
        call("GET", "/api/v1/security-audit?limit=100", admin, null, 200).path("entries")
                .forEach(e -> audit.add(e.path("action").asText()));
        assertThat(audit).contains("user.created", "grid.updated", "login.succeeded");
        assertThat(otherWorker).isPositive();
    }

    @Test
    void theConsoleCookieSessionReadsFreelyButActsOnlyWithItsCsrfToken() throws Exception {
        user("e2e.cookie", "supervisor", null);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", "e2e.cookie", "password", PASSWORD, "session", "cookie")))));
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        // Cookie attribute names are case-insensitive (RFC 6265); Vert.x writes "HTTPOnly".
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        JsonNode body = JSON.readTree(login.body());
        assertThat(body.has("token")).as("no session token in the body").isFalse();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = body.path("csrfToken").asText();

        HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/v1/me")).header("Cookie", cookie).GET());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("e2e.cookie");

        String finding = JSON.writeValueAsString(Map.of("venueId", anyVenue(), "hazard", "no_extinguisher", "severity", "minor"));
        HttpResponse<String> withoutCsrf = send(HttpRequest.newBuilder(uri("/api/v1/tickets")).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(finding)));
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(withoutCsrf.body()).path("code").asText()).isEqualTo("csrf");
        HttpResponse<String> withCsrf = send(HttpRequest.newBuilder(uri("/api/v1/tickets")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(finding)));
        assertThat(withCsrf.statusCode()).as(withCsrf.body()).isIn(200, 201);

        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/logout")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/me")).header("Cookie", cookie).GET()).statusCode()).isEqualTo(401);
    }

    private static long anyVenue() throws Exception {
        return call("POST", "/api/v1/venues", admin, Map.of("name", "Cookie Cafe", "address", "5 North St",
                "type", "restaurant", "grid", "E2E-G3"), 201).path("id").asLong();
    }

    private static long user(String username, String role, List<String> grids) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "role", role, "password", PASSWORD));
        if (grids != null) body.put("grids", grids);
        return call("POST", "/api/v1/users", admin, body, 201).path("id").asLong();
    }

    private static String login(String username) throws Exception {
        return call("POST", "/api/v1/login", null, Map.of("username", username, "password", PASSWORD), 200).path("token").asText();
    }

    private static JsonNode call(String method, String path, String bearer, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) request.header("Content-Type", "application/json");
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(hub.httpUrl() + path);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
