package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.firehub.ingest.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicMappingTest {
    private final TopicMapping site = new TopicMapping("site/+/dev/{deviceId}/telemetry", Channel.TELEMETRY);

    @Test
    void subscribesWithThePlaceholderAsASingleLevelWildcard() {
        assertThat(site.subscription()).isEqualTo("site/+/dev/+/telemetry");
        assertThat(new TopicMapping("{deviceId}/#", Channel.EVENTS).subscription()).isEqualTo("+/#");
    }

    @ParameterizedTest
    @CsvSource({
        "site/north/dev/smoke-1/telemetry, smoke-1",
        "site//dev/smoke-2/telemetry, smoke-2",
        "site/x/dev/bad.id/telemetry, bad.id"})
    void takesTheDeviceIdFromItsLevel(String topic, String deviceId) {
        assertThat(site.deviceIdOf(topic)).contains(deviceId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"site/north/dev/smoke-1/events", "site/north/dev/smoke-1/telemetry/extra",
        "site/north/dev/smoke-1", "other/north/dev/smoke-1/telemetry", "", "site"})
    void ignoresTopicsOutsideThePattern(String topic) {
        assertThat(site.deviceIdOf(topic)).isEmpty();
    }

    @Test
    void hashMatchesTheRestIncludingNothing() {
        TopicMapping tail = new TopicMapping("tenant/{deviceId}/up/#", Channel.TELEMETRY);
        assertThat(tail.deviceIdOf("tenant/gas-9/up")).contains("gas-9");
        assertThat(tail.deviceIdOf("tenant/gas-9/up/a/b/c")).contains("gas-9");
        assertThat(tail.deviceIdOf("tenant/gas-9/down")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "site/+/telemetry | exactly one {deviceId}",
        "{deviceId}/{deviceId} | exactly one {deviceId}",
        "a/#/{deviceId} | '#' must be the last level",
        "a/dev+/{deviceId} | wildcards must fill a whole level",
        "a/x{deviceId} | the only placeholder",
        "a/{device}/{deviceId} | the only placeholder"})
    void refusesBadPatternsSayingWhy(String pattern, String problem) {
        assertThat(String.join("; ", TopicMapping.problemsOf(pattern))).contains(problem);
        assertThatThrownBy(() -> new TopicMapping(pattern, Channel.TELEMETRY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBridgeTakesTheFirstMappingThatMatches() {
        BridgeConfig config = BridgeConfig.create("b", "tcp://h:1883", "c", List.of(
                new TopicMapping("d/{deviceId}/alarm", Channel.EVENTS), new TopicMapping("d/{deviceId}/+", Channel.TELEMETRY)));
        assertThat(config.map("d/s-1/alarm")).hasValueSatisfying(m -> assertThat(m.mapping().channel()).isEqualTo(Channel.EVENTS));
        assertThat(config.map("d/s-1/data")).hasValueSatisfying(m -> assertThat(m.mapping().channel()).isEqualTo(Channel.TELEMETRY));
        assertThat(config.map("x/s-1/data")).isEmpty();
    }
}
