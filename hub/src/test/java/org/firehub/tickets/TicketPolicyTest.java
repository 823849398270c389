package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.firehub.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketPolicyTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    @TempDir
    Path dir;

    private static TicketPolicy policy(int days, Set<LocalDate> holidays) {
        return new TicketPolicy(Map.of(Severity.CRITICAL, Duration.ofHours(24), Severity.MAJOR, Duration.ofDays(3),
                Severity.MINOR, Duration.ofDays(7)), days, SHANGHAI, holidays);
    }

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void deadlinesFollowTheSeverity() {
        Instant found = Instant.parse("2026-03-02T08:00:00Z");
        TicketPolicy p = TicketPolicy.defaults();
        assertThat(p.deadline(Severity.CRITICAL, found)).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(p.deadline(Severity.MAJOR, found)).isEqualTo(Instant.parse("2026-03-05T08:00:00Z"));
        assertThat(p.deadline(Severity.MINOR, found)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    }

    @Test
    void verificationIsDueAtTheEndOfTheThirdWorkingDayAfterSubmission() {
        TicketPolicy p = policy(3, Set.of());
        // Monday 2026-03-02 -> Tue, Wed, Thu: due at the end of Thursday.
        assertThat(p.verifyBy(shanghai("2026-03-02T10:00:00"))).isEqualTo(shanghai("2026-03-06T00:00:00"));
        // Friday -> Mon, Tue, Wed.
        assertThat(p.verifyBy(shanghai("2026-03-06T17:30:00"))).isEqualTo(shanghai("2026-03-12T00:00:00"));
        // Saturday and Sunday count like Friday: Mon, Tue, Wed.
        assertThat(p.verifyBy(shanghai("2026-03-07T09:00:00"))).isEqualTo(shanghai("2026-03-12T00:00:00"));
        assertThat(p.verifyBy(shanghai("2026-03-08T23:59:00"))).isEqualTo(shanghai("2026-03-12T00:00:00"));
        // The day is the town's day: 2026-03-06T20:00Z is already Saturday in Shanghai.
        assertThat(p.verifyBy(Instant.parse("2026-03-06T20:00:00Z"))).isEqualTo(shanghai("2026-03-12T00:00:00"));
    }

    @Test
    void holidaysAreNotWorkingDays() {
        // National Day week: Thu 2026-10-01 .. Wed 10-07 off (weekend 3-4 anyway).
        TicketPolicy p = policy(3, Set.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"),
                LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-07")));
        // Wednesday 09-30 -> Thu 10-08, Fri 10-09, Mon 10-12.
        assertThat(p.verifyBy(shanghai("2026-09-30T15:00:00"))).isEqualTo(shanghai("2026-10-13T00:00:00"));
        assertThat(p.isWorkingDay(LocalDate.parse("2026-10-05"))).isFalse();
        assertThat(p.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
        assertThat(policy(1, Set.of()).verifyBy(shanghai("2026-03-02T10:00:00"))).isEqualTo(shanghai("2026-03-04T00:00:00"));
    }

    @Test
    void theShippedConfigFileLoads() throws IOException {
        TicketPolicy p = TicketPolicyFile.load(Path.of("..", "config", "tickets.yaml"));
        assertThat(p.rectifyWithin()).containsEntry(Severity.CRITICAL, Duration.ofHours(24))
                .containsEntry(Severity.MAJOR, Duration.ofDays(3)).containsEntry(Severity.MINOR, Duration.ofDays(7));
        assertThat(p.verifyWorkingDays()).isEqualTo(3);
        assertThat(p.zone()).isEqualTo(SHANGHAI);
        assertThat(p.holidays()).contains(LocalDate.parse("2026-10-01"));
    }

    @Test
    void aFileOverridesSomeKeysAndKeepsTheOtherDefaults() throws IOException {
        Path file = write("deadlines:\n  critical: 12h\nverification:\n  working_days: 5\n");
        TicketPolicy p = TicketPolicyFile.load(file);
        assertThat(p.rectifyWithin()).containsEntry(Severity.CRITICAL, Duration.ofHours(12))
                .containsEntry(Severity.MINOR, Duration.ofDays(7));
        assertThat(p.verifyWorkingDays()).isEqualTo(5);
        assertThat(TicketPolicyFile.load(dir.resolve("missing.yaml"))).isEqualTo(TicketPolicy.defaults());
    }

    @Test
    void mistakesRefuseTheStartNamingTheKey() throws IOException {
        assertThatThrownBy(() -> TicketPolicyFile.load(write("deadlines:\n  critical: 12 hours\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("deadlines.critical").hasMessageContaining("12 hours");
        assertThatThrownBy(() -> TicketPolicyFile.load(write("deadlines:\n  urgent: 1h\n")))
                .hasMessageContaining("unknown severity 'urgent'");
        assertThatThrownBy(() -> TicketPolicyFile.load(write("verifcation:\n  working_days: 3\n")))
                .hasMessageContaining("unknown key 'verifcation'");
        assertThatThrownBy(() -> TicketPolicyFile.load(write("verification:\n  holidays: [2026-13-01]\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("2026-13-01");
        assertThatThrownBy(() -> TicketPolicyFile.load(write("verification:\n  working_days: 0\n")))
                .hasMessageContaining("1..60");
        assertThatThrownBy(() -> TicketPolicyFile.load(write("deadlines:\n  minor: 0d\n")))
                .hasMessageContaining("longer than zero");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "tickets", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
