package org.firehub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionDurationTest {
    @Test
    void readsOperatorAndInfluxForms() {
        assertThat(RetentionDuration.parse("inf")).isEqualTo(RetentionDuration.INFINITE);
        assertThat(RetentionDuration.parse(" INF ")).isEqualTo(RetentionDuration.INFINITE);
        assertThat(RetentionDuration.parse("0s")).as("InfluxDB says 0s for forever").isEqualTo(RetentionDuration.INFINITE);
        assertThat(RetentionDuration.parse("400d").duration()).isEqualTo(Duration.ofDays(400));
        assertThat(RetentionDuration.parse("9600h0m0s")).isEqualTo(RetentionDuration.parse("400d"));
        assertThat(RetentionDuration.parse("2w")).isEqualTo(RetentionDuration.parse("14d"));
        assertThat(RetentionDuration.parse("36h30m").duration()).isEqualTo(Duration.ofMinutes(36 * 60 + 30));
    }

    @Test
    void writesInfluxQl() {
        assertThat(RetentionDuration.INFINITE.influxQl()).isEqualTo("INF");
        assertThat(RetentionDuration.parse("1d").influxQl()).isEqualTo("86400s");
        assertThat(RetentionDuration.parse("1d").shardDurationInfluxQl()).isEqualTo("1h");
        assertThat(RetentionDuration.parse("30d").shardDurationInfluxQl()).isEqualTo("1d");
        assertThat(RetentionDuration.parse("400d").shardDurationInfluxQl()).isEqualTo("7d");
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"", "forever", "400", "-5d", "4 d", "1y", "d"}) {
            assertThatThrownBy(() -> RetentionDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RetentionDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
