package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void delaysDoubleFromTwoSecondsWithJitterInTheUpperHalf() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long full = Math.min(2_000L << (attempt - 1), 300_000L);
            for (int i = 0; i < 200; i++) {
                long delay = RetryPolicy.DEFAULT.delayAfter(attempt, Optional.empty(), random).toMillis();
                assertThat(delay).as("attempt %d", attempt).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void delaysAreCappedAtFiveMinutesEvenAfterManyAttempts() {
        for (int attempt : new int[] {9, 20, 64, Integer.MAX_VALUE}) {
            assertThat(RetryPolicy.DEFAULT.delayAfter(attempt, Optional.empty(), random))
                    .isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
        }
    }

    @Test
    void jitterSpreadsRetriesOfOneAttempt() {
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToLong(i -> RetryPolicy.DEFAULT.delayAfter(3, Optional.empty(), random).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void retryAfterWinsWhenLongerButNotBeyondAnHour() {
        assertThat(RetryPolicy.DEFAULT.delayAfter(1, Optional.of(Duration.ofSeconds(30)), random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.DEFAULT.delayAfter(1, Optional.of(Duration.ofDays(1)), random)).isEqualTo(Duration.ofHours(1));
        assertThat(RetryPolicy.DEFAULT.delayAfter(1, Optional.of(Duration.ZERO), random)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
