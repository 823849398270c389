package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firehub.web.SessionHarness.credentials;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.firehub.people.Role;
import org.firehub.people.SessionSettings;
import org.firehub.people.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What sessions write to security_audit, and who can read it. */
class SecurityAuditApiTest {
    static SessionHarness api;
    static User admin;
    static String adminToken;

    @BeforeAll
    static void start() {
        api = new SessionHarness("security_audit", SessionSettings.DEFAULTS);
        admin = api.user("root", "root-pw", Role.ADMIN);
        adminToken = api.bearer("root", "root-pw");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<JsonObject> newest(int limit) {
        HttpResponse<String> response = api.withBearer("GET", "/api/v1/security-audit?limit=" + limit, adminToken, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
    }

    @Test
    void loginsLogoutsAndRevocationsAreRecordedWithoutSecrets() {
        User clerk = api.user("clerk", "clerk-secret-pw", Role.SUPERVISOR);
        assertThat(api.login(credentials("clerk", "typo-secret")).statusCode()).isEqualTo(401);
        assertThat(api.login(credentials("ghost", "ghost-secret")).statusCode()).isEqualTo(401);
        String token = api.bearer("clerk", "clerk-secret-pw");
        String second = api.bearer("clerk", "clerk-secret-pw");
        String secondId = new JsonObject(api.withBearer("GET", "/api/v1/me", second, null).body()).getJsonObject("session").getString("id");
        assertThat(api.withBearer("DELETE", "/api/v1/sessions/" + secondId, token, null).statusCode()).isEqualTo(204);
        assertThat(api.withBearer("POST", "/api/v1/logout", token, null).statusCode()).isEqualTo(204);

        List<JsonObject> entries = newest(6);
        assertThat(entries).extracting(e -> e.getString("action"))
                .containsExactly("logout", "session.revoked", "login.succeeded", "login.succeeded", "login.refused", "login.refused");
        assertThat(entries.get(0).getJsonObject("actor")).isEqualTo(new JsonObject().put("id", clerk.id()).put("username", "clerk"));
        assertThat(entries.get(0).getString("sourceAddress")).isEqualTo("127.0.0.1");
        assertThat(entries.get(1).getJsonObject("details").getString("session")).isEqualTo(secondId);
        assertThat(entries.get(2).getString("subject")).isEqualTo("user:" + clerk.id());
        assertThat(entries.get(4).getValue("actor")).as("nobody was signed in").isNull();
        assertThat(entries.get(4).getJsonObject("details"))
                .isEqualTo(new JsonObject().put("username", "ghost").put("reason", "unknown_user"));
        assertThat(entries.get(5).getJsonObject("details"))
                .isEqualTo(new JsonObject().put("username", "clerk").put("reason", "wrong_password"));
        String all = new JsonArray(entries).encode();
        assertThat(all).doesNotContain("secret").doesNotContain(token).doesNotContain(second);
    }

    @Test
    void theTrailIsPagedNewestFirstAndOnlyForAdmins() {
        for (int i = 0; i < 3; i++) api.login(credentials("pager" + i, "x"));
        List<JsonObject> firstPage = newest(2);
        HttpResponse<String> first = api.withBearer("GET", "/api/v1/security-audit?limit=2", adminToken, null);
        long next = new JsonObject(first.body()).getLong("next");
        assertThat(next).isEqualTo(firstPage.get(1).getLong("id"));
        List<JsonObject> secondPage = new JsonObject(api.withBearer("GET", "/api/v1/security-audit?limit=2&before=" + next,
                adminToken, null).body()).getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
        assertThat(firstPage.get(0).getJsonObject("details").getString("username")).isEqualTo("pager2");
        assertThat(secondPage.get(0).getJsonObject("details").getString("username")).isEqualTo("pager0");
        assertThat(secondPage.get(0).getLong("id")).isLessThan(next);

        api.user("worker", "worker-pw", Role.GRID_WORKER);
        String worker = api.bearer("worker", "worker-pw");
        assertThat(api.withBearer("GET", "/api/v1/security-audit", worker, null).statusCode()).isEqualTo(403);
        assertThat(api.withBearer("GET", "/api/v1/security-audit", null, null).statusCode()).isEqualTo(401);
        for (String bad : List.of("limit=0", "limit=501", "limit=ten", "before=-1")) {
            HttpResponse<String> response = api.withBearer("GET", "/api/v1/security-audit?" + bad, adminToken, null);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheTrail() {
        api.login(credentials("nobody-at-all", "x"));
        assertThatThrownBy(() -> api.execute("UPDATE security_audit SET action = 'login.succeeded'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> api.execute("DELETE FROM security_audit"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> api.execute("TRUNCATE security_audit"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }
}
