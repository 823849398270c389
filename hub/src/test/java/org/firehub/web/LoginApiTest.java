package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import org.firehub.auth.SecretTokens;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginApiTest {
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = new ApiHarness("login_api");
        api.userWithSession("sup1", "correct horse battery", Role.SUPERVISOR);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String login(String username, String password) {
        return new JsonObject().put("username", username).put("password", password).encode();
    }

    @Test
    void correctPasswordGivesATokenThatAuthenticates() {
        HttpResponse<String> response = api.postJson("/api/v1/login", null, login("sup1", "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        String token = new JsonObject(response.body()).getString("token");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(api.get("/api/v1/venues", token).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        HttpResponse<String> wrongPassword = api.postJson("/api/v1/login", null, login("sup1", "wrong"));
        HttpResponse<String> unknownUser = api.postJson("/api/v1/login", null, login("nobody", "wrong"));

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertThat(new JsonObject(unknownUser.body()).getString("error")).isEqualTo("invalid username or password");
        assertThat(wrongPassword.body()).doesNotContain("token");
    }

    @Test
    void sessionIsStoredOnlyAsTheHashOfItsToken() throws Exception {
        String token = new JsonObject(api.postJson("/api/v1/login", null, login("sup1", "correct horse battery")).body())
                .getString("token");

        try (Connection c = api.jdbc();
             var ps = c.prepareStatement("SELECT token_hash, expires_at > now() + interval '11 hours' FROM sessions WHERE token_hash = ?")) {
            ps.setBytes(1, SecretTokens.hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session row keyed by SHA-256(token)").isTrue();
                assertThat(rs.getBoolean(2)).as("expires about 12 h from now").isTrue();
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM sessions s WHERE s::text LIKE '%" + token + "%'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void malformedLoginRequestsAreRefusedWithTheirReason() {
        HttpResponse<String> missing = api.postJson("/api/v1/login", null, "{\"username\":\"sup1\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(missing.body()).getJsonArray("details").getJsonObject(0).getString("field"))
                .isEqualTo("password");

        assertThat(api.postJson("/api/v1/login", null, "{not json").statusCode()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/login", null, "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = api.post("/api/v1/login", null, "text/plain", login("sup1", "x"));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(wrongType.body()).getString("error")).contains("application/json");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String huge = login("sup1", "x".repeat(ApiRouter.JSON_BODY_LIMIT + 10));
        HttpResponse<String> response = api.postJson("/api/v1/login", null, huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(response.body()).getString("error")).contains("too large");
    }

    @Test
    void unknownApiPathIsAJson404AndWrongMethodAJson405() {
        HttpResponse<String> response = api.get("/api/v1/nothing-here", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("not found");
        HttpResponse<String> method = api.get("/api/v1/login", null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(new JsonObject(method.body()).getString("error")).isEqualTo("method not allowed");
    }
}
