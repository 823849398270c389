package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void operatorFormsAndIsoAreAccepted() {
        assertThat(Durations.parse("10s")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("24h")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("PT10S")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("0s")).contains(Duration.ZERO);
    }

    @Test
    void ambiguousOrMalformedDurationsAreRefused() {
        assertThat(Durations.parse("10")).isEmpty();
        assertThat(Durations.parse("10 s")).isEmpty();
        assertThat(Durations.parse("30m1h")).isEmpty();
        assertThat(Durations.parse("5x")).isEmpty();
        assertThat(Durations.parse("h")).isEmpty();
        assertThat(Durations.parse("PT")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
    }

    @Test
    void formatIsTheInverseOfParse() {
        for (String text : new String[] {"0s", "10s", "1h30m", "25h", "1m500ms"}) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("48h");
    }
}
