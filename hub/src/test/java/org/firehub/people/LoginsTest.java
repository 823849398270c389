package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.ApiHarness.await;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.firehub.web.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login path at the service level: bursts, address limits, a busy hasher. */
class LoginsTest {
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = new ApiHarness("logins");
        api.userWithSession("burst", "burst-pw", Role.SUPERVISOR);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected the login to fail");
    }

    @Test
    void aBurstOfGuessesSentAtOnceGetsNoMoreThanTheLimitChecked() {
        SessionService sessions = new SessionService(api.pool, api.hasher, api.meters, SessionSettings.DEFAULTS);
        List<Future<OpenedSession>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) burst.add(sessions.login(new LoginAttempt("burst", "guess" + i, SessionKind.BEARER, null)));

        long refused = burst.stream().map(LoginsTest::failure).filter(f -> f instanceof AuthenticationFailed).count();
        long throttled = burst.stream().map(LoginsTest::failure).filter(f -> f instanceof LoginThrottled).count();
        assertThat(refused).as("passwords actually checked").isEqualTo(5);
        assertThat(throttled).isEqualTo(15);
    }

    @Test
    void anAddressGuessingManyUsernamesIsThrottledAcrossThem() {
        SessionService sessions = new SessionService(api.pool, api.hasher, api.meters,
                SessionSettings.DEFAULTS.withThrottle(new LoginThrottle.Limits(5, 3, java.time.Duration.ofMinutes(15))));
        for (int i = 0; i < 3; i++) {
            assertThat(failure(sessions.login(new LoginAttempt("spray" + i, "x", SessionKind.BEARER, "198.51.100.4"))))
                    .isInstanceOf(AuthenticationFailed.class);
        }
        assertThat(failure(sessions.login(new LoginAttempt("burst", "burst-pw", SessionKind.BEARER, "198.51.100.4"))))
                .isInstanceOf(LoginThrottled.class);
        assertThat(await(sessions.login(new LoginAttempt("burst", "burst-pw", SessionKind.BEARER, "198.51.100.5"))).principal().username())
                .as("another address is unaffected").isEqualTo("burst");
    }

    @Test
    void aBusyHasherAnswersBusyAndTheAttemptDoesNotCount() {
        PasswordHasher saturated = new PasswordHasher(api.vertx, api.meters, 1, 0);
        try {
            SessionService sessions = new SessionService(api.pool, saturated, api.meters, SessionSettings.DEFAULTS);
            double busyBefore = api.meters.counter("firehub.logins", "outcome", "busy").count();
            for (int i = 0; i < 8; i++) {
                assertThat(failure(sessions.login(new LoginAttempt("burst", "burst-pw", SessionKind.BEARER, "192.0.2.1"))))
                        .as("attempt %d", i + 1).isInstanceOf(HashingBusy.class);
            }
            assertThat(api.meters.counter("firehub.logins", "outcome", "busy").count()).isEqualTo(busyBefore + 8);
        } finally {
            saturated.close();
        }
    }
}
