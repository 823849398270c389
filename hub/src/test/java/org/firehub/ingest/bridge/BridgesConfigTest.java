package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.firehub.ingest.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgesConfigTest {
    private static final String GOOD = """
            bridges:
              - name: site-a
                url: tcp://broker.example:1883
                clientId: firehub-a
                username: hub
                password: in-file
                keepAliveSeconds: 20
                topics:
                  - pattern: site/+/dev/{deviceId}/telemetry
                    channel: telemetry
                  - pattern: site/+/dev/{deviceId}/events
                    channel: events
              - name: carrier
                url: ssl://mqtt.carrier.example:8883
                clientId: firehub-carrier
                tls:
                  caFile: /etc/ca.pem
                  clientCertFile: /etc/hub.p12
                  clientCertPassword: p12
                  verifyHostname: false
                topics:
                  - pattern: "{deviceId}/up/#"
                    channel: telemetry
            """;

    private static BridgesConfig parse(String yaml, Map<String, String> env) throws BridgeConfigException {
        return BridgesConfigParser.parse(yaml, "bridges.yaml", env);
    }

    @Test
    void readsEveryKey() throws Exception {
        BridgesConfig config = parse(GOOD, Map.of());
        assertThat(config.bridges()).hasSize(2);
        BridgeConfig site = config.bridges().get(0);
        assertThat(site.name()).isEqualTo("site-a");
        assertThat(site.serverUri()).isEqualTo("tcp://broker.example:1883");
        assertThat(site.username()).contains("hub");
        assertThat(site.password()).contains("in-file");
        assertThat(site.keepAlive().toSeconds()).isEqualTo(20);
        assertThat(site.tls()).isEmpty();
        assertThat(site.topics()).extracting(TopicMapping::channel).containsExactly(Channel.TELEMETRY, Channel.EVENTS);
        BridgeConfig carrier = config.bridges().get(1);
        assertThat(carrier.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.caFile()).contains(Path.of("/etc/ca.pem"));
            assertThat(tls.clientCertFile()).contains(Path.of("/etc/hub.p12"));
            assertThat(tls.clientCertPassword()).contains("p12");
            assertThat(tls.verifyHostname()).isFalse();
        });
        assertThat(carrier.reconnectMin().toSeconds()).isEqualTo(1);
        assertThat(carrier.reconnectMax().toSeconds()).isEqualTo(60);
    }

    @Test
    void passwordsFromTheEnvironmentWinOverTheFile() throws Exception {
        BridgesConfig config = parse(GOOD, Map.of("FIREHUB_BRIDGE_SITE_A_PASSWORD", "from-env",
                "FIREHUB_BRIDGE_CARRIER_CERT_PASSWORD", "p12-env"));
        assertThat(config.bridges().get(0).password()).contains("from-env");
        assertThat(config.bridges().get(1).tls().get().clientCertPassword()).contains("p12-env");
        assertThat(config.bridges().get(0).toString()).doesNotContain("from-env");
    }

    @Test
    void theShippedExampleIsValidAndStartsNothing() throws Exception {
        Path example = Files.exists(Path.of("../config/bridges.yaml")) ? Path.of("../config/bridges.yaml") : Path.of("config/bridges.yaml");
        assertThat(BridgesConfig.load(example, Map.of()).bridges()).isEmpty();
        String enabled = Files.readString(example).replace("enabled: false", "enabled: true");
        assertThat(parse(enabled, Map.of()).bridges()).extracting(BridgeConfig::name).containsExactly("site-a");
    }

    @Test
    void anAbsentFileMeansNoBridgesUnlessTheEnvironmentNamedIt(@TempDir Path dir) throws Exception {
        assertThat(BridgesConfig.fromEnvironment(Map.of()).bridges()).isNotNull();
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> BridgesConfig.fromEnvironment(Map.of("FIREHUB_BRIDGES_FILE", missing.toString())))
                .hasMessageContaining("nope.yaml").hasMessageContaining("FIREHUB_BRIDGES_FILE");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");
        assertThat(BridgesConfig.fromEnvironment(Map.of("FIREHUB_BRIDGES_FILE", empty.toString())).bridges()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "url: tcp://broker.example:1883 | url: http://broker.example | bridges[0] (site-a): url must be tcp://",
        "clientId: firehub-a | clientId: 'with space' | bridges[0] (site-a): clientId must match",
        "keepAliveSeconds: 20 | keepAliveSeconds: soon | 'keepAliveSeconds' must be a whole number",
        "keepAliveSeconds: 20 | keepAlive: 20 | unknown key 'keepAlive'",
        "channel: events | channel: alarms | bridges[0] (site-a).topics[1]: channel must be 'telemetry' or 'events'",
        "site/+/dev/{deviceId}/events | site/+/dev/events | bridges[0] (site-a).topics[1]: pattern 'site/+/dev/events': needs exactly one",
        "name: carrier | name: site-a | bridges[1] (site-a): name 'site-a' is used twice",
        "name: carrier | name: Carrier! | name must match",
        "verifyHostname: false | verifyHostname: nope | bridges[1] (carrier).tls: 'verifyHostname' must be true or false",
        "url: ssl://mqtt.carrier.example:8883 | url: tcp://mqtt.carrier.example:1883 | 'tls' is set but the url is not ssl://",
        "clientId: firehub-carrier | clientId: firehub-a | ",
        "username: hub | user: hub | unknown key 'user'"})
    void refusesABadFileNamingTheFileAndTheEntry(String good, String bad, String expected) {
        String yaml = GOOD.replace(good, bad);
        assertThat(yaml).isNotEqualTo(GOOD);
        if (expected == null) {
            // same clientId on different brokers is fine: each broker keeps its own session
            org.assertj.core.api.Assertions.assertThatCode(() -> parse(yaml, Map.of())).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(() -> parse(yaml, Map.of())).isInstanceOf(BridgeConfigException.class)
                .hasMessageStartingWith("bridges.yaml: ").hasMessageContaining(expected);
    }

    @Test
    void refusesMissingKeysAndBrokenYaml() {
        assertThatThrownBy(() -> parse("bridges:\n  - name: x\n    url: tcp://h\n", Map.of()))
                .hasMessageContaining("bridges[0] (x): 'clientId' is missing");
        assertThatThrownBy(() -> parse("bridges:\n  - name: x\n    url: tcp://h\n    clientId: c\n", Map.of()))
                .hasMessageContaining("'topics' must be a non-empty list");
        assertThatThrownBy(() -> parse("bridges: [\n", Map.of())).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("bridge: []\n", Map.of())).hasMessageContaining("unknown key 'bridge'");
        assertThatThrownBy(() -> parse("bridges: {}\n", Map.of())).hasMessageContaining("bridges: must be a list");
    }

    @Test
    void aSecondBridgeWithTheSameClientIdOnTheSameBrokerIsRefused() {
        String twice = GOOD + """
                  - name: site-a-copy
                    url: tcp://broker.example:1883
                    clientId: firehub-a
                    topics:
                      - pattern: x/{deviceId}
                        channel: telemetry
                """;
        assertThatThrownBy(() -> parse(twice, Map.of())).hasMessageContaining("clientId 'firehub-a' is used twice");
    }
}
