package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.ApiHarness.await;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.firehub.auth.SecretTokens;
import org.firehub.web.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = new ApiHarness("sessions");
        api.userWithSession("gw", "grid-worker-pw", Role.GRID_WORKER);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void tokenAuthenticatesAsItsUserWithRoleAndGrid() {
        String token = await(api.sessions.login("gw", "grid-worker-pw"));
        Principal who = await(api.sessions.authenticate(token));
        assertThat(who.username()).isEqualTo("gw");
        assertThat(who.role()).isEqualTo(Role.GRID_WORKER);
        assertThat(who.grid()).isEqualTo("G-01");
    }

    @Test
    void expiredSessionIsRefused() throws Exception {
        String token = await(api.sessions.login("gw", "grid-worker-pw"));
        try (Connection c = api.jdbc();
             PreparedStatement ps = c.prepareStatement("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ?")) {
            ps.setBytes(1, SecretTokens.hash(token));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        SessionService freshNode = new SessionService(api.pool, api.users, api.hasher, api.meters);
        assertThat(failure(freshNode.authenticate(token))).isInstanceOf(AuthenticationFailed.class);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        String token = await(api.sessions.login("gw", "grid-worker-pw"));
        assertThat(await(api.sessions.authenticate(token)).username()).isEqualTo("gw");
        await(api.sessions.logout(token));
        assertThat(failure(api.sessions.authenticate(token))).isInstanceOf(AuthenticationFailed.class);
    }

    @Test
    void garbageTokensAreRefused() {
        assertThat(failure(api.sessions.authenticate("x".repeat(300)))).isInstanceOf(AuthenticationFailed.class);
        assertThat(failure(api.sessions.authenticate(SecretTokens.generate()))).isInstanceOf(AuthenticationFailed.class);
        assertThat(failure(api.sessions.login("gw", "p".repeat(PasswordHasher.MAX_PASSWORD_LENGTH + 1))))
                .isInstanceOf(AuthenticationFailed.class);
    }

    @Test
    void loginsAreCountedByOutcome() {
        double before = api.meters.counter("firehub.logins", "outcome", "refused").count();
        failure(api.sessions.login("gw", "nope"));
        assertThat(api.meters.counter("firehub.logins", "outcome", "refused").count()).isEqualTo(before + 1);
    }

    private static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected the future to fail");
    }
}
