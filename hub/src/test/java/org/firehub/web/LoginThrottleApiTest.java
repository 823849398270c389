package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.SessionHarness.credentials;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import org.firehub.people.Role;
import org.firehub.people.SessionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login throttling as a client sees it (default limits: 5 failures per username, 20 per address). */
class LoginThrottleApiTest {
    static SessionHarness api;

    @BeforeAll
    static void start() {
        api = new SessionHarness("login_throttle", SessionSettings.DEFAULTS);
        api.user("target", "target-pw", Role.SUPERVISOR);
        api.user("neighbour", "neighbour-pw", Role.SUPERVISOR);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void sixthAttemptIsThrottledEvenWithTheRightPasswordAndOthersAreUnaffected() throws Exception {
        double refusedBefore = api.logins("refused");
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(credentials("target", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        assertThat(api.logins("refused")).isEqualTo(refusedBefore + 5);

        long hashesBefore = api.meters.timer("firehub.password.hash").count();
        HttpResponse<String> right = api.login(credentials("target", "target-pw"));
        assertThat(right.statusCode()).isEqualTo(429);
        JsonObject body = new JsonObject(right.body());
        assertThat(body.getString("code")).isEqualTo("throttled");
        assertThat(body.containsKey("token")).isFalse();
        long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(800L, 900L);  // the 15-minute window, minus the seconds the test took
        HttpResponse<String> again = api.login(credentials("target", "another-guess"));
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.body()).as("a guesser learns nothing from the answer").isEqualTo(right.body());
        assertThat(api.logins("throttled")).isEqualTo(2);
        assertThat(api.meters.timer("firehub.password.hash").count()).as("no Argon2 work for throttled attempts")
                .isEqualTo(hashesBefore);

        assertThat(api.login(credentials("neighbour", "neighbour-pw")).statusCode()).as("other users unaffected").isEqualTo(200);

        try (var c = api.jdbc(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*), min(details->>'limitedBy') FROM security_audit WHERE action = 'login.throttled'"
                        + " AND details->>'username' = 'target'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("one entry per throttling streak, not per attempt").isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("username");
        }
        try (var c = api.jdbc(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM security_audit WHERE action = 'login.refused' AND details->>'username' = 'target'"
                        + " AND details->>'reason' = 'wrong_password'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5);
        }
    }
}
