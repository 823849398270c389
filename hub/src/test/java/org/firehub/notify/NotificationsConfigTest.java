package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.firehub.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsConfigTest {
    private static final Path SHIPPED = locate("config/notifications.yaml");
    private static final Function<String, String> NO_SECRETS = key -> null;

    @TempDir
    Path dir;

    private static Path locate(String relative) {
        Path here = Path.of(relative);
        return Files.exists(here) ? here : Path.of("..").resolve(relative);
    }

    @Test
    void shippedFileLoadsWithItsExamplesDisabled() throws IOException {
        NotificationsConfig config = NotificationsConfig.load(SHIPPED, NO_SECRETS);
        assertThat(config.webhooks()).isEmpty();
        assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void shippedExamplesAreValidOnceEnabledWithSecrets() throws IOException {
        Path enabled = write(Files.readString(SHIPPED).replace("enabled: false", "enabled: true"));
        Map<String, String> env = Map.of("FIREHUB_WEBHOOK_TOWN_SMS_SECRET", "s1", "FIREHUB_WEBHOOK_OLD_TOWN_WECOM_SECRET", "s2");

        NotificationsConfig config = NotificationsConfig.load(enabled, env::get);

        assertThat(config.webhooks()).containsExactly(
                new Webhook("town-sms", URI.create("https://sms-gateway.example.org/firehub/alarms"), Set.of("alarm.raised"),
                        Optional.empty(), Severity.CRITICAL, Duration.ofSeconds(10), 10, "s1"),
                new Webhook("old-town-wecom", URI.create("https://wecom-relay.example.org/hooks/old-town"),
                        Set.of("alarm.*", "ticket.escalated"), Optional.of(Set.of("grid-1", "grid-2")), Severity.MAJOR,
                        Duration.ofSeconds(5), 8, "s2"));
    }

    @Test
    void absentFileMeansNoWebhooks() throws IOException {
        assertThat(NotificationsConfig.load(dir.resolve("missing.yaml"), NO_SECRETS).webhooks()).isEmpty();
    }

    @Test
    void defaultsApplyToOptionalKeys() throws IOException {
        NotificationsConfig config = NotificationsConfig.load(write("""
                retry: {first_delay: 500ms, max_delay: 1m}
                webhooks:
                  - {name: sms, url: "http://10.0.0.5:8080/hook", types: [alarm.raised], grids: all}
                """), Map.of("FIREHUB_WEBHOOK_SMS_SECRET", "k")::get);
        assertThat(config.retry()).isEqualTo(new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(1)));
        Webhook sms = config.webhooks().get(0);
        assertThat(sms.minSeverity()).isEqualTo(Severity.MINOR);
        assertThat(sms.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sms.maxAttempts()).isEqualTo(10);
    }

    @Test
    void webhookWithoutSecretIsRefusedNamingTheVariable() {
        assertRefused(hook("name: wecom-1\n    url: https://relay.example.org/x"),
                "webhook 'wecom-1': no secret; set FIREHUB_WEBHOOK_WECOM_1_SECRET");
    }

    @Test
    void secretInTheFileIsRefused() {
        assertRefused(hook("name: sms\n    url: https://relay.example.org/x\n    secret: hunter2"),
                "webhook 'sms': secrets do not belong in this file; set FIREHUB_WEBHOOK_SMS_SECRET instead");
    }

    @Test
    void mistakesAreRefusedWithTheWebhookAndKeyNamed() {
        assertRefused(hook("name: sms\n    url: https://relay.example.org/x\n    min_severity: urgent"),
                "webhook 'sms': min_severity 'urgent' is not one of minor, major, critical");
        assertRefused(hook("name: sms\n    url: https://relay.example.org/x\n    min_severty: major"),
                "webhook 'sms': unknown key 'min_severty'");
        assertRefused(hook("name: sms\n    url: ftp://relay.example.org/x"),
                "webhook 'sms': url 'ftp://relay.example.org/x' must be an absolute http:// or https:// URL");
        assertRefused(hook("name: sms\n    url: https://relay.example.org/x\n    timeout: 10 seconds"),
                "webhook 'sms': timeout '10 seconds' is not a duration such as 500ms, 10s, 5m or 1h");
        assertRefused(hook("name: sms\n    url: https://relay.example.org/x\n    max_attempts: 0"),
                "webhook 'sms': max_attempts must be a whole number from 1 to 100, got 0");
        assertRefused(hook("name: 'sms gateway'\n    url: https://relay.example.org/x"),
                "webhook 'sms gateway': name must match");
        assertRefused(hook("url: https://relay.example.org/x"), "webhook #1: 'name' is required");
    }

    @Test
    void unknownTypeAndMissingGridsAreRefused() {
        assertRefused(file("""
                webhooks:
                  - {name: sms, url: "https://r.example.org/x", types: [alarm.raise], grids: all}
                """), "webhook 'sms': unknown notification type 'alarm.raise'; known: alarm.acknowledged");
        assertRefused(file("""
                webhooks:
                  - {name: sms, url: "https://r.example.org/x", types: [alarm.raised]}
                """), "webhook 'sms': 'grids' must be 'all' or a non-empty list of grid names");
        assertRefused(file("""
                webhooks:
                  - {name: sms, url: "https://r.example.org/x", grids: all}
                """), "webhook 'sms': 'types' must be a non-empty list");
    }

    @Test
    void twoWebhooksReadingOneSecretAreRefused() {
        assertRefused(file("""
                webhooks:
                  - {name: sms-a, url: "https://r.example.org/x", types: [alarm.raised], grids: all}
                  - {name: sms_a, url: "https://r.example.org/y", types: [alarm.raised], grids: all}
                """), "webhook 'sms_a': defined twice (or clashes with 'sms-a': both read FIREHUB_WEBHOOK_SMS_A_SECRET)");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() {
        assertRefused(file("webhooks:\n  - name: sms\n    url: [unclosed\n"), "not valid YAML");
        assertRefused(file("webhooks:\n  - name: sms\n    url: [unclosed\n"), "(line ");
        assertRefused(file("webhooks: {name: sms}\n"), "'webhooks' must be a list");
        assertRefused(file("webhook:\n  - name: sms\n"), "the top level: unknown key 'webhook'");
        assertRefused(file("retry: {first_delay: 10s, max_delay: 1s}\n"), "retry: max_delay is shorter than first_delay");
    }

    private String hook(String fields) {
        return "webhooks:\n  - " + fields + "\n    types: [alarm.raised]\n    grids: [grid-1]\n";
    }

    private Path file(String text) {
        try {
            return write(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(String yaml, String message) {
        assertRefused(file(yaml), message);
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> NotificationsConfig.load(file, NO_SECRETS))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(message);
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "notifications", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
