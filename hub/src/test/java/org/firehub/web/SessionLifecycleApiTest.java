package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firehub.web.ApiHarness.await;
import static org.firehub.web.CookieSessionApiTest.consoleLogin;
import static org.firehub.web.SessionHarness.credentials;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.SessionSettings;
import org.firehub.people.User;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How sessions end: expiry, logout, revocation, disabling; what /me and /sessions show. */
class SessionLifecycleApiTest {
    static SessionHarness api;

    @BeforeAll
    static void start() {
        api = new SessionHarness("session_lifecycle", SessionSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static User user(String name) {
        return api.user(name, name + "-pw", Role.GRID_WORKER);
    }

    @Test
    void bearerLoginAnswersTokenExpiryAndUser() {
        User worker = user("answer");
        HttpResponse<String> response = api.login(credentials("answer", "answer-pw"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("token")).hasSizeGreaterThanOrEqualTo(22);
        assertThat(java.time.Instant.parse(body.getString("expiresAt")))
                .isBetween(java.time.Instant.now().plus(Duration.ofHours(11)), java.time.Instant.now().plus(Duration.ofHours(13)));
        assertThat(body.getJsonObject("user")).isEqualTo(new JsonObject().put("id", worker.id()).put("username", "answer")
                .put("role", "grid_worker"));

        HttpResponse<String> me = api.withBearer("GET", "/api/v1/me", body.getString("token"), null);
        assertThat(new JsonObject(me.body()).getString("username")).isEqualTo("answer");
        assertThat(new JsonObject(me.body()).getString("grid")).isEqualTo("G-01");
        assertThat(new JsonObject(me.body()).getJsonObject("session").getString("kind")).isEqualTo("bearer");
    }

    @Test
    void expiredSessionIsRefused() {
        try (SessionHarness shortLived = new SessionHarness("session_expiry", SessionSettings.DEFAULTS.withTtl(Duration.ofSeconds(1)))) {
            shortLived.user("brief", "brief-pw", Role.SUPERVISOR);
            String token = shortLived.bearer("brief", "brief-pw");
            CookieSessionApiTest.Console console = consoleLogin(shortLived, "brief", "brief-pw");
            assertThat(shortLived.withBearer("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(200);

            // The session was cached by the request above: expiry must hold even so.
            Await.until("the bearer session expires", Duration.ofSeconds(15),
                    () -> shortLived.withBearer("GET", "/api/v1/me", token, null).statusCode() == 401);
            Await.until("the cookie session expires", Duration.ofSeconds(15),
                    () -> shortLived.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie())).statusCode() == 401);
        }
    }

    @Test
    void bearerLogoutEndsTheSession() {
        user("leaver");
        String token = api.bearer("leaver", "leaver-pw");
        String other = api.bearer("leaver", "leaver-pw");
        assertThat(api.withBearer("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(200);

        assertThat(api.withBearer("POST", "/api/v1/logout", token, null).statusCode()).isEqualTo(204);

        assertThat(api.withBearer("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(401);
        assertThat(api.withBearer("POST", "/api/v1/logout", token, null).statusCode()).isEqualTo(401);
        assertThat(api.withBearer("GET", "/api/v1/me", other, null).statusCode()).as("only that session ended").isEqualTo(200);
    }

    @Test
    void revokeAllEndsEverySessionAtOnceDespiteTheCache() {
        User worker = user("revoked");
        String bearer = api.bearer("revoked", "revoked-pw");
        CookieSessionApiTest.Console console = consoleLogin(api, "revoked", "revoked-pw");
        user("bystander");
        String bystander = api.bearer("bystander", "bystander-pw");
        // Both sessions are now cached on this node (cache: 30 s).
        assertThat(api.withBearer("GET", "/api/v1/me", bearer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie())).statusCode()).isEqualTo(200);

        await(api.sessions.revokeAll(worker.id()));

        assertThat(api.withBearer("GET", "/api/v1/me", bearer, null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie())).statusCode()).isEqualTo(401);
        assertThat(api.withBearer("GET", "/api/v1/me", bystander, null).statusCode()).isEqualTo(200);
        assertThat(api.bearer("revoked", "revoked-pw")).as("the user may sign in again").isNotBlank();
    }

    @Test
    void disabledUserCannotLogInAndTheirSessionsStopWorking() throws SQLException {
        User worker = user("disabled");
        String token = api.bearer("disabled", "disabled-pw");
        HttpResponse<String> wrongPassword = api.login(credentials("disabled", "not-it"));

        assertThat(api.execute("UPDATE users SET disabled = true WHERE id = " + worker.id())).isEqualTo(1);

        HttpResponse<String> login = api.login(credentials("disabled", "disabled-pw"));
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).as("a disabled user's login looks like any refusal").isEqualTo(wrongPassword.body());
        // Another node (no cache) asks the database, which says no.
        SessionService otherNode = new SessionService(api.pool, api.hasher, api.meters, SessionSettings.DEFAULTS);
        assertThatThrownBy(() -> await(otherNode.authenticate(token))).hasMessageContaining("invalid or expired");
        // This node had it cached; the admin route that disabled the user revokes its sessions.
        await(api.sessions.revokeAll(worker.id()));
        assertThat(api.withBearer("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void ownSessionsAreListedAndOneCanBeEnded() {
        user("lister");
        user("stranger");
        String laptop = api.bearer("lister", "lister-pw");
        String phone = api.bearer("lister", "lister-pw");
        String strangers = api.bearer("stranger", "stranger-pw");

        JsonArray listed = new JsonObject(api.withBearer("GET", "/api/v1/sessions", laptop, null).body()).getJsonArray("sessions");
        assertThat(listed).hasSize(2);
        assertThat(listed.encode()).doesNotContain(laptop).doesNotContain(phone);
        JsonObject current = listed.stream().map(JsonObject.class::cast).filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        JsonObject phoneSession = listed.stream().map(JsonObject.class::cast).filter(s -> !s.getBoolean("current")).findFirst().orElseThrow();
        assertThat(current.getString("kind")).isEqualTo("bearer");
        assertThat(current.getString("sourceAddress")).isEqualTo("127.0.0.1");

        String phoneId = phoneSession.getString("id");
        assertThat(api.withBearer("DELETE", "/api/v1/sessions/" + phoneId, strangers, null).statusCode())
                .as("nobody ends someone else's session").isEqualTo(404);
        assertThat(api.withBearer("GET", "/api/v1/me", phone, null).statusCode()).isEqualTo(200);

        assertThat(api.withBearer("DELETE", "/api/v1/sessions/" + phoneId, laptop, null).statusCode()).isEqualTo(204);
        assertThat(api.withBearer("GET", "/api/v1/me", phone, null).statusCode()).isEqualTo(401);
        assertThat(api.withBearer("GET", "/api/v1/me", laptop, null).statusCode()).isEqualTo(200);
        assertThat(api.withBearer("DELETE", "/api/v1/sessions/not-an-id", laptop, null).statusCode()).isEqualTo(404);
    }

    @Test
    void overlongPasswordIsRefusedLikeAWrongOne() {
        user("longpw");
        HttpResponse<String> response = api.login(credentials("longpw", "p".repeat(PasswordHasher.MAX_PASSWORD_LENGTH + 1)));
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
