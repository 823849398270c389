package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.notify.OutboxRows.await;
import static org.firehub.notify.Samples.SECRET;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.firehub.notify.TestReceiver.Answer;
import org.firehub.notify.TestReceiver.Received;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivery to a real receiving HTTP server: signature, headers, body, retries and dead letters. */
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Vertx vertx;
    private static PgSettings pg;
    private static Pool pool;
    private static OutboxRows rows;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private TestReceiver receiver;
    private Notifications notifications;

    @BeforeAll
    static void startDatabase() {
        vertx = Vertx.vertx();
        pg = TestDatabase.migrated("notify_delivery");
        pool = pg.pool(vertx, 4);
        rows = new OutboxRows(pg);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @AfterEach
    void stopParts() throws Exception {
        if (notifications != null) await(notifications.stop());
        if (receiver != null) receiver.close();
    }

    private Notifications started(Webhook... webhooks) throws Exception {
        notifications = Notifications.create(vertx, pool, Samples.config(webhooks), Samples.FAST_POLL, meters, Clock.systemUTC());
        await(notifications.start());
        return notifications;
    }

    @Test
    void receiverGetsTheAlarmSignedWithTheSharedSecret() throws Exception {
        receiver = TestReceiver.start(vertx);
        started(Samples.webhook("signed", receiver.url("/sms"), 3, Duration.ofSeconds(2)));

        assertThat(await(notifications.enqueue(AlarmNotifications.of(Samples.raised(41, "grid-3", Severity.CRITICAL))))).isEqualTo(1);

        Received got = Await.value("the alarm at the receiver", WAIT, receiver::received, r -> !r.isEmpty()).get(0);
        OutboxRows.Stored stored = Await.value("delivered row", WAIT, () -> rows.only("signed"), r -> r.state().equals("delivered"));
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.deliveredAtSet()).isTrue();
        assertThat(got.path()).isEqualTo("/sms");
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.header("X-Firehub-Event")).isEqualTo("alarm.raised");
        assertThat(got.header("X-Firehub-Delivery")).isEqualTo(Long.toString(stored.id()));

        Map<String, String> signature = signatureParts(got.header("X-Firehub-Signature"));
        long t = Long.parseLong(signature.get("t"));
        assertThat(t).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(signature.get("v1")).isEqualTo(hmacHex(SECRET, t + "." + got.body()));
        assertThat(signature.get("v1")).isNotEqualTo(hmacHex("another-secret", t + "." + got.body()));
        // A replayed body under a new timestamp does not verify with the old signature.
        assertThat(signature.get("v1")).isNotEqualTo(hmacHex(SECRET, (t + 1) + "." + got.body()));

        JsonObject body = got.json();
        assertThat(body.getString("type")).isEqualTo("alarm.raised");
        assertThat(body.getString("grid")).isEqualTo("grid-3");
        assertThat(body.getString("severity")).isEqualTo("critical");
        assertThat(Instant.parse(body.getString("sentAt"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        JsonObject alarm = body.getJsonObject("alarm");
        assertThat(alarm.getLong("id")).isEqualTo(41);
        assertThat(alarm.getString("deviceId")).isEqualTo("smoke-1");
        assertThat(alarm.getLong("venueId")).isEqualTo(7);
        assertThat(alarm.getString("hazard")).isEqualTo("smoke");
        assertThat(alarm.getString("ruleId")).isEqualTo("smoke.alarm_event");
        assertThat(alarm.getString("raisedAt")).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(alarm.containsKey("clearedAt")).isTrue();
        assertThat(alarm.getString("clearedAt")).isNull();
        assertThat(alarm.getString("reason")).isEqualTo("event alarm");
        assertThat(alarm.getJsonObject("values").getDouble("smoke_obscuration_db_m")).isEqualTo(0.31);
        assertThat(count("signed", "delivered")).isEqualTo(1.0);
        assertThat(meters.find("firehub.notification.delivery").tag("webhook", "signed").timer().count()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedUntilTheReceiverTakesIt() throws Exception {
        receiver = TestReceiver.start(vertx).then(Answer.status(500), Answer.status(500));
        started(Samples.webhook("flaky", receiver.url("/hook"), 5, Duration.ofSeconds(2)));

        await(notifications.enqueue(AlarmNotifications.of(Samples.raised(42, "grid-3", Severity.MAJOR))));

        OutboxRows.Stored stored = Await.value("delivered row", WAIT, () -> rows.only("flaky"), r -> r.state().equals("delivered"));
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.lastError()).isNull();
        List<Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("X-Firehub-Delivery")).containsOnly(Long.toString(stored.id()));
        assertThat(got).extracting(r -> r.header("X-Firehub-Attempt")).containsExactly("1", "2", "3");
        assertThat(count("flaky", "retried")).isEqualTo(2.0);
        assertThat(count("flaky", "delivered")).isEqualTo(1.0);
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() throws Exception {
        receiver = TestReceiver.start(vertx).then(new Answer(503, Map.of("Retry-After", "2"), 0));
        started(Samples.webhook("busy", receiver.url("/hook"), 5, Duration.ofSeconds(2)));

        await(notifications.enqueue(AlarmNotifications.of(Samples.raised(43, "grid-3", Severity.MAJOR))));

        Await.value("delivered row", WAIT, () -> rows.only("busy"), r -> r.state().equals("delivered"));
        List<Received> got = receiver.received();
        assertThat(got).hasSize(2);
        // The fast test policy alone would retry after at most 200 ms.
        assertThat(Duration.ofNanos(got.get(1).arrivedNanos() - got.get(0).arrivedNanos())).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void clientErrorIsDeadAtOnce() throws Exception {
        receiver = TestReceiver.start(vertx).otherwise(Answer.status(400));
        started(Samples.webhook("refusing", receiver.url("/hook"), 5, Duration.ofSeconds(2)));

        await(notifications.enqueue(AlarmNotifications.of(Samples.raised(44, "grid-3", Severity.MAJOR))));

        OutboxRows.Stored stored = Await.value("dead row", WAIT, () -> rows.only("refusing"), r -> r.state().equals("dead"));
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.lastError()).startsWith("HTTP 400").contains("answer 400");
        Await.staysFalse("a second attempt", Duration.ofMillis(400), () -> receiver.received().size() > 1);
        assertThat(count("refusing", "dead")).isEqualTo(1.0);
        assertThat(count("refusing", "retried")).isZero();
    }

    @Test
    void receiverDownPastMaxAttemptsLeavesADeadLetterWithTheLastError() throws Exception {
        String nobodyListens = "http://127.0.0.1:" + FreePorts.next() + "/hook";
        started(Samples.webhook("down", nobodyListens, 3, Duration.ofSeconds(2)));

        await(notifications.enqueue(AlarmNotifications.of(Samples.raised(45, "grid-3", Severity.CRITICAL))));

        OutboxRows.Stored stored = Await.value("dead row", WAIT, () -> rows.only("down"), r -> r.state().equals("dead"));
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.lastError()).containsIgnoringCase("refused").contains("gave up after 3 attempts");
        assertThat(stored.deliveredAtSet()).isFalse();
        assertThat(stored.payload().getJsonObject("alarm").getLong("id")).isEqualTo(45);
        assertThat(count("down", "retried")).isEqualTo(2.0);
        assertThat(count("down", "dead")).isEqualTo(1.0);
        List<OutboxEntry> dead = await(notifications.entries("dead", 10));
        assertThat(dead).extracting(OutboxEntry::id).contains(stored.id());
    }

    @Test
    void receiverThatNeverAnswersTimesOut() throws Exception {
        receiver = TestReceiver.start(vertx).otherwise(Answer.never());
        started(Samples.webhook("silent", receiver.url("/hook"), 2, Duration.ofMillis(300)));

        await(notifications.enqueue(AlarmNotifications.of(Samples.raised(46, "grid-3", Severity.CRITICAL))));

        OutboxRows.Stored stored = Await.value("dead row", WAIT, () -> rows.only("silent"), r -> r.state().equals("dead"));
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.lastError()).contains("no answer within 300 ms");
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void oldDeliveredRowsArePrunedAndDeadLettersKept() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            c.createStatement().execute("""
                    INSERT INTO notification_outbox (webhook, type, payload, state, attempts, delivered_at, created_at) VALUES
                      ('prune', 'alarm.raised', '{"n": "old delivered"}', 'delivered', 1, now() - interval '40 days', now() - interval '40 days'),
                      ('prune', 'alarm.raised', '{"n": "recent delivered"}', 'delivered', 1, now() - interval '1 day', now() - interval '1 day'),
                      ('prune', 'alarm.raised', '{"n": "old dead"}', 'dead', 3, NULL, now() - interval '40 days')""");
        }
        receiver = TestReceiver.start(vertx);
        started(Samples.webhook("prune", receiver.url("/hook"), 3, Duration.ofSeconds(1)));

        List<OutboxRows.Stored> left = Await.value("the old delivered row pruned", WAIT, () -> rows.of("prune"), r -> r.size() == 2);
        assertThat(left).extracting(r -> r.payload().getString("n")).containsExactly("recent delivered", "old dead");
    }

    private double count(String webhook, String outcome) {
        var counter = meters.find("firehub.notifications").tags("webhook", webhook, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> signatureParts(String header) {
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String[] parts = header.split(",");
        return Map.of("t", parts[0].substring(2), "v1", parts[1].substring(3));
    }

    /** Computed here, not with WebhookSignature, so a mistake there cannot hide. */
    private static String hmacHex(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
