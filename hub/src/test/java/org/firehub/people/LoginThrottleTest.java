package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.firehub.people.LoginThrottle.Verdict;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(5, 20, Duration.ofMinutes(15)), clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.tryAttempt(user, address)).as("attempt %d of %s", i + 1, user).isInstanceOf(Verdict.Allowed.class);
            clock.now = clock.now.plusSeconds(1);
        }
    }

    @Test
    void sixthAttemptForAUsernameIsRefusedUntilTheOldestFailureLeavesTheWindow() {
        fail("alice", "10.0.0.1", 5);

        Verdict sixth = throttle.tryAttempt("alice", "10.0.0.2");
        assertThat(sixth).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) sixth;
        assertThat(refused.limitedBy()).isEqualTo("username");
        // First failure at t0; now t0+5 s; free again at t0+15 min.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(15).minusSeconds(5));
        assertThat(throttle.tryAttempt("ALICE", "10.0.0.3")).as("case does not dodge the count").isInstanceOf(Verdict.Refused.class);
        assertThat(throttle.tryAttempt("bob", "10.0.0.1")).as("other users are not affected").isInstanceOf(Verdict.Allowed.class);

        clock.now = clock.now.plus(refused.retryAfter());
        assertThat(throttle.tryAttempt("alice", "10.0.0.1")).isInstanceOf(Verdict.Allowed.class);
        assertThat(throttle.tryAttempt("alice", "10.0.0.1")).as("one slot freed, used again").isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void onlyTheFirstRefusalOfAStreakIsMarkedForTheAudit() {
        fail("carol", null, 5);
        assertThat(((Verdict.Refused) throttle.tryAttempt("carol", null)).firstRefusal()).isTrue();
        assertThat(((Verdict.Refused) throttle.tryAttempt("carol", null)).firstRefusal()).isFalse();
        assertThat(((Verdict.Refused) throttle.tryAttempt("carol", null)).firstRefusal()).isFalse();
    }

    @Test
    void successResetsTheUsernameButNotTheAddress() {
        fail("dave", "10.9.9.9", 4);
        assertThat(throttle.tryAttempt("dave", "10.9.9.9")).isInstanceOf(Verdict.Allowed.class);
        throttle.succeeded("dave", "10.9.9.9");

        assertThat(throttle.failuresOf("dave")).isZero();
        fail("dave", "10.9.9.9", 5);
        assertThat(throttle.tryAttempt("dave", "10.9.9.9")).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void anAddressIsLimitedAcrossUsernames() {
        for (int i = 0; i < 20; i++) fail("user" + i, "203.0.113.7", 1);

        Verdict verdict = throttle.tryAttempt("user-new", "203.0.113.7");
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).limitedBy()).isEqualTo("address");
        assertThat(throttle.failuresOf("user-new")).as("a refused attempt does not count against the username").isZero();
        assertThat(throttle.tryAttempt("user-new", "203.0.113.8")).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void aRefundedAttemptDoesNotCount() {
        fail("erin", null, 5);
        throttle.refund("erin", null);
        assertThat(throttle.failuresOf("erin")).isEqualTo(4);
        assertThat(throttle.tryAttempt("erin", null)).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void settingsComeFromConfigurationKeys() {
        SessionSettings settings = SessionSettings.from(Map.of(
                "FIREHUB_LOGIN_MAX_FAILURES_PER_USER", "3",
                "FIREHUB_LOGIN_MAX_FAILURES_PER_ADDRESS", "50",
                "FIREHUB_LOGIN_WINDOW", "10m",
                "FIREHUB_SESSION_TTL", "PT8H",
                "FIREHUB_COOKIE_SECURE", "true"));
        assertThat(settings.throttle()).isEqualTo(new LoginThrottle.Limits(3, 50, Duration.ofMinutes(10)));
        assertThat(settings.ttl()).isEqualTo(Duration.ofHours(8));
        assertThat(settings.cookieSecure()).isTrue();
        assertThat(SessionSettings.from(Map.of())).isEqualTo(SessionSettings.DEFAULTS);

        assertThatThrownBy(() -> SessionSettings.from(Map.of("FIREHUB_LOGIN_WINDOW", "soon")))
                .hasMessageContaining("FIREHUB_LOGIN_WINDOW");
        assertThatThrownBy(() -> SessionSettings.from(Map.of("FIREHUB_LOGIN_MAX_FAILURES_PER_USER", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionSettings.from(Map.of("FIREHUB_COOKIE_SECURE", "maybe")))
                .hasMessageContaining("FIREHUB_COOKIE_SECURE");
    }
}
