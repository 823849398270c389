package org.firehub.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * POSTs one signed notification with the Vert.x HTTP client and says what came of it. Never
 * fails its future: every failure is a {@link DeliveryOutcome} the dispatcher can act on.
 */
final class WebhookSender {
    private static final int ERROR_SNIPPET = 200;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final Clock clock;

    WebhookSender(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        // Redirects are not followed: a signed body must not be replayed to wherever a 3xx points.
        this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(8));
    }

    Future<DeliveryOutcome> send(Webhook webhook, OutboxRow row) {
        long now = clock.millis();
        Buffer body = bodyOf(row, now).toBuffer();
        long timeout = webhook.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setFollowRedirects(false)
                .setAbsoluteURI(webhook.url().toString()).setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "firehub-notify/1")
                .putHeader("X-Firehub-Delivery", Long.toString(row.id()))
                .putHeader("X-Firehub-Event", row.type())
                .putHeader("X-Firehub-Attempt", Integer.toString(row.attempts()))
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(), now / 1000, body.getBytes()));
        Promise<DeliveryOutcome> outcome = Promise.promise();
        // One deadline for the whole exchange: idle and connect timeouts alone let a slow-drip
        // receiver hold a delivery (and its lease) for ever.
        long timer = vertx.setTimer(timeout, t -> outcome.tryComplete(
                new DeliveryOutcome.Retryable("no answer within " + webhook.timeout().toMillis() + " ms", Optional.empty())));
        client.request(options)
                .compose(request -> {
                    outcome.future().onComplete(done -> {
                        if (!request.response().isComplete()) request.reset();
                    });
                    return request.send(body);
                })
                .compose(response -> response.body().map(text -> classify(response, text)))
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    outcome.tryComplete(result.succeeded() ? result.result()
                            : new DeliveryOutcome.Retryable(describe(result.cause()), Optional.empty()));
                });
        return outcome.future();
    }

    private DeliveryOutcome classify(HttpClientResponse response, Buffer body) {
        String text = body.toString().strip().replaceAll("\\s+", " ");
        String snippet = text.length() > ERROR_SNIPPET ? text.substring(0, ERROR_SNIPPET) + "…" : text;
        return DeliveryOutcome.ofStatus(response.statusCode(), snippet, retryAfter(response.getHeader("Retry-After")));
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) return Optional.empty();
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    Future<Void> close() {
        return client.close();
    }

    /** The body sent: what the outbox stores, stamped with this attempt's time. */
    static JsonObject bodyOf(OutboxRow row, long sentAtMillis) {
        return row.envelope().copy().put("sentAt", Instant.ofEpochMilli(sentAtMillis).toString());
    }
}
