package org.firehub.tickets.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.firehub.tickets.TicketPolicyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code escalation:} section of tickets.yaml: defaults, the shipped file, and mistakes named. */
class EscalationSettingsTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("tickets.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void noFileOrNoSectionMeansEveryMinuteFiveHundredAtATime() throws IOException {
        assertThat(EscalationSettings.load(dir.resolve("missing.yaml"))).isEqualTo(EscalationSettings.defaults());
        assertThat(EscalationSettings.load(file("deadlines:\n  critical: 12h\n"))).isEqualTo(EscalationSettings.defaults());
        assertThat(EscalationSettings.defaults().interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(EscalationSettings.defaults().batchSize()).isEqualTo(500);
    }

    @Test
    void theShippedFileLoadsBothAsPolicyAndAsEscalationSettings() throws IOException {
        Path shipped = Path.of("../config/tickets.yaml");
        assertThat(EscalationSettings.load(shipped)).isEqualTo(new EscalationSettings(Duration.ofMinutes(1), 500));
        assertThat(TicketPolicyFile.load(shipped).verifyWorkingDays()).isEqualTo(3);
    }

    @Test
    void valuesAreRead() throws IOException {
        assertThat(EscalationSettings.load(file("escalation:\n  interval: 30s\n  batch_size: 50\n")))
                .isEqualTo(new EscalationSettings(Duration.ofSeconds(30), 50));
    }

    @Test
    void mistakesRefuseTheStartNamingTheKey() throws IOException {
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation:\n  intervall: 30s\n")))
                .hasMessageContaining("unknown key 'intervall'").hasMessageContaining("tickets.yaml");
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation:\n  interval: 30 seconds\n")))
                .hasMessageContaining("escalation.interval");
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation:\n  interval: 2h\n")))
                .hasMessageContaining("between 1s and 1h");
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation:\n  batch_size: 0\n")))
                .hasMessageContaining("batch_size");
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation:\n  batch_size: many\n")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> EscalationSettings.load(file("escalation: every minute\n")))
                .hasMessageContaining("escalation must be a map");
    }
}
