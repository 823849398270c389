package org.firehub.ingest.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading subscriptions and product mappings as an operator writes them. */
class CarrierConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shippedConfigLoadsWithSecretsFromTheEnvironmentOnly() throws IOException {
        Path file = repoConfig().resolve("carriers.yaml");

        CarrierConfig withoutSecrets = CarrierConfig.load(file, name -> null);
        CarrierConfig withCtwing = CarrierConfig.load(file, name -> name.equals("FIREHUB_CARRIER_TOWN_CTWING_SECRET") ? "s3cret" : null);

        assertThat(withoutSecrets.size()).as("no secret: disabled, never open").isZero();
        assertThat(withCtwing.find(CarrierPlatform.CTWING, "town-ctwing")).hasValueSatisfying(s -> {
            assertThat(s.secretMatches("s3cret")).isTrue();
            assertThat(s.secretMatches("s3cre")).isFalse();
            assertThat(s.defaultProduct().kind()).isEqualTo("smoke");
        });
        assertThat(withCtwing.find(CarrierPlatform.ONENET, "town-onenet")).isEmpty();
    }

    @Test
    void mappingSkipsIgnoredFieldsAndReportsUnknownFieldsAndCodes() throws IOException {
        ProductMapping smoke = ProductMappings.load(repoConfig().resolve("carriers/smoke-nb.yaml"), "smoke-nb");

        MappedValues mapped = smoke.map(fields("{\"Alarm_Status\": 99, \"battery_value\": \"71\", \"IMSI\": \"460\", "
                + "\"Door\": 1, \"signal_strength\": \"n/a\"}"));

        assertThat(mapped.readings()).isEqualTo(Map.of("battery_pct", 71.0));
        assertThat(mapped.events()).isEmpty();
        assertThat(mapped.unmappedFields()).containsExactlyInAnyOrder("Alarm_Status", "Door", "signal_strength");
    }

    @Test
    void malformedFilesAreRefusedNamingTheProblem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("carriers"));
        Files.writeString(dir.resolve("carriers/p.yaml"), "kind: smoke\nfields:\n  x: {color: red}\n");
        Files.writeString(dir.resolve("carriers.yaml"),
                "subscriptions:\n  - {name: a, platform: ctwing, device_id: 'nb-{imei}', product: p, secret: s}\n");
        Files.writeString(dir.resolve("bad-platform.yaml"),
                "subscriptions:\n  - {name: a, platform: nbiot, device_id: 'nb-{imei}', product: p, secret: s}\n");

        assertThatThrownBy(() -> CarrierConfig.load(dir.resolve("carriers.yaml"), n -> null))
                .isInstanceOf(IOException.class).hasMessageContaining("field 'x'");
        assertThatThrownBy(() -> CarrierConfig.load(dir.resolve("bad-platform.yaml"), n -> null))
                .isInstanceOf(IOException.class).hasMessageContaining("ctwing or onenet");
    }

    @Test
    void deviceIdTemplateYieldsOnlyValidIds() {
        DeviceIdTemplate template = new DeviceIdTemplate("nb-{imei}");

        assertThat(template.resolve(Map.of("imei", "868120123456789"))).hasValueSatisfying(id ->
                assertThat(id.value()).isEqualTo("nb-868120123456789"));
        assertThat(template.resolve(Map.of("imei", "86/../x"))).isEmpty();
        assertThat(template.resolve(Map.of("deviceId", "abc"))).isEmpty();
    }

    private static Map<String, JsonNode> fields(String json) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Path repoConfig() {
        return Files.exists(Path.of("../config/carriers.yaml")) ? Path.of("../config") : Path.of("config");
    }
}
