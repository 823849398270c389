package org.firehub.tickets.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.firehub.tickets.TicketPolicyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence section of tickets.yaml: the shipped file loads, mistakes refuse the start naming the key. */
class EvidencePolicyFileTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static EvidencePolicy parse(String yaml) throws IOException {
        return EvidencePolicyFile.parse(YAML.readTree(yaml));
    }

    private static Path shipped() {
        Path here = Path.of("").toAbsolutePath();
        Path file = here.resolve("config/tickets.yaml");
        return Files.exists(file) ? file : here.getParent().resolve("config/tickets.yaml");
    }

    @Test
    void theShippedFileLoadsForBothReadersWithRulesOnRealReadingNames() throws IOException {
        Path file = shipped();
        TicketPolicyFile.load(file);
        EvidencePolicy policy = EvidencePolicyFile.load(file);
        assertThat(policy.photoRequiredOnSubmit()).isTrue();
        assertThat(policy.maxPhotoBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(policy.maxPhotoPixels()).isEqualTo(40_000_000L);
        ClosureRule residual = policy.closureRule("residual_current_high").orElseThrow();
        assertThat(residual.fields()).containsExactly("residual_current_ma");
        assertThat(residual.below()).isEqualTo(300);
        assertThat(residual.window()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.closureRule("cable_overheat").orElseThrow().fields())
                .containsExactly("cable_temp_c_l1", "cable_temp_c_l2", "cable_temp_c_l3", "cable_temp_c_n");
        assertThat(policy.closureRule("gas_leak_low").orElseThrow().fields()).containsExactly("gas_lel_pct");
        // Every field named must be a reading the rule catalogue knows.
        String rules = Files.readString(file.resolveSibling("rules.yaml"));
        policy.closure().values().forEach(rule -> rule.fields().forEach(f -> assertThat(rules).contains("reading: " + f)));
    }

    @Test
    void noSectionMeansDefaultsAndKeysLeftOutKeepThem() throws IOException {
        assertThat(parse("deadlines: {critical: 12h}")).isEqualTo(EvidencePolicy.defaults());
        EvidencePolicy off = parse("evidence: {photo_required_on_submit: false}");
        assertThat(off.photoRequiredOnSubmit()).isFalse();
        assertThat(off.maxPhotoBytes()).isEqualTo(EvidencePolicy.DEFAULT_MAX_BYTES);
        EvidencePolicy rule = parse("evidence: {closure: {gas_leak_low: {field: gas_lel_pct, below: 10, for: 2h}}}");
        assertThat(rule.closureRule("gas_leak_low").orElseThrow().every()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void mistakesAreRefusedWithTheKeyNamed() {
        List.of(
                List.of("evidence: {photo_required: true}", "unknown key 'photo_required'"),
                List.of("evidence: {photo_required_on_submit: yes please}", "photo_required_on_submit"),
                List.of("evidence: {photo_max_mib: 0}", "photo_max_mib"),
                List.of("evidence: {closure: {gas_leak_low: {field: gas_lel_pct, below: ten, for: 2h}}}", "gas_leak_low.below"),
                List.of("evidence: {closure: {gas_leak_low: {field: gas_lel_pct, below: 10, for: 2 hours}}}", "gas_leak_low.for"),
                List.of("evidence: {closure: {gas_leak_low: {field: gas_lel_pct, below: 10}}}", "needs for"),
                List.of("evidence: {closure: {gas_leak_low: {below: 10, for: 2h}}}", "field or fields"),
                List.of("evidence: {closure: {gas_leak_low: {field: Gas-LEL, below: 10, for: 2h}}}", "not a reading name"),
                List.of("evidence: {closure: {gas_leak_low: {field: gas_lel_pct, below: 10, for: 2h, every: 45m}}}", "whole number"))
                .forEach(c -> assertThatThrownBy(() -> parse(c.get(0))).as(c.get(0))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.get(1)));
    }

    @Test
    void aBadFileRefusesTheStartNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tickets.yaml");
        Files.writeString(file, "evidence:\n  closure:\n    cable_overheat: {fields: [cable_temp_c_l1], below: 70, for: 0h}\n");
        assertThatThrownBy(() -> EvidencePolicyFile.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cable_overheat.for");
        assertThat(EvidencePolicyFile.load(dir.resolve("missing.yaml"))).isEqualTo(EvidencePolicy.defaults());
    }
}
