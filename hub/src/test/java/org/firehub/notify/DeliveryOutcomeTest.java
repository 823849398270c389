package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class DeliveryOutcomeTest {

    @Test
    void successRetryableAndPermanentAnswersAreToldApart() {
        for (int status : new int[] {200, 201, 202, 204}) {
            assertThat(DeliveryOutcome.ofStatus(status, "", Optional.empty())).isInstanceOf(DeliveryOutcome.Delivered.class);
        }
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(DeliveryOutcome.ofStatus(status, "busy", Optional.empty())).as("HTTP %d", status)
                    .isEqualTo(new DeliveryOutcome.Retryable("HTTP " + status + ": busy", Optional.empty()));
        }
        for (int status : new int[] {301, 400, 401, 403, 404, 410, 413, 422}) {
            assertThat(DeliveryOutcome.ofStatus(status, "", Optional.empty())).as("HTTP %d", status)
                    .isEqualTo(new DeliveryOutcome.Permanent("HTTP " + status));
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Vertx vertx = Vertx.vertx();
        try {
            Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
            WebhookSender sender = new WebhookSender(vertx, clock);
            assertThat(sender.retryAfter("120")).contains(Duration.ofSeconds(120));
            assertThat(sender.retryAfter("Tue, 24 Nov 2026 08:01:30 GMT")).contains(Duration.ofSeconds(90));
            assertThat(sender.retryAfter("Tue, 24 Nov 2026 07:00:00 GMT")).contains(Duration.ZERO);
            assertThat(sender.retryAfter("soon")).isEmpty();
            assertThat(sender.retryAfter("-5")).isEmpty();
            assertThat(sender.retryAfter(null)).isEmpty();
        } finally {
            vertx.close();
        }
    }
}
