package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.notify.OutboxRows.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.firehub.notify.TestReceiver.Answer;
import org.firehub.notify.TestReceiver.Received;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.Await;
import org.firehub.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox outlives its dispatcher, and dispatchers sharing one database never send a row twice. */
class OutboxRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Vertx vertx;
    private static PgSettings pg;
    private static OutboxRows rows;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pg = TestDatabase.migrated("notify_restart");
        rows = new OutboxRows(pg);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    /** A hub node of its own: its own pool and metrics over the shared database. */
    private record Node(Pool pool, Notifications notifications, MeterRegistry meters) {
        static Node start(Webhook webhook) throws Exception {
            Pool pool = pg.pool(vertx, 4);
            MeterRegistry meters = new SimpleMeterRegistry();
            Notifications n = Notifications.create(vertx, pool, Samples.config(webhook), Samples.FAST_POLL, meters, Clock.systemUTC());
            await(n.start());
            return new Node(pool, n, meters);
        }

        void stop() throws Exception {
            await(notifications.stop());
            await(pool.close());
        }

        double pendingGauge() {
            return meters.find("firehub.notifications.pending").gauge().value();
        }
    }

    @Test
    void restartedDispatcherDeliversWhatTheStoppedOneLeftPending() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(vertx).otherwise(Answer.status(503))) {
            Webhook webhook = Samples.webhook("restart", receiver.url("/hook"), 100, Duration.ofSeconds(2));
            Node first = Node.start(webhook);
            for (int i = 0; i < 5; i++) {
                await(first.notifications().enqueue(AlarmNotifications.of(Samples.raised(100 + i, "grid-1", Severity.CRITICAL))));
            }
            Await.until("every row tried and refused once", WAIT,
                    () -> rows.of("restart").stream().allMatch(r -> r.attempts() >= 1));
            Await.value("the pending gauge", WAIT, first::pendingGauge, v -> v == 5.0);
            first.stop();
            int triedBeforeRestart = receiver.received().size();
            assertThat(rows.of("restart")).hasSize(5).allMatch(r -> r.state().equals("pending") && r.lastError().startsWith("HTTP 503"));
            Await.staysFalse("a delivery attempt by the stopped node", Duration.ofMillis(300),
                    () -> receiver.received().size() > triedBeforeRestart);

            receiver.otherwise(Answer.status(204));
            Node second = Node.start(webhook);
            try {
                Await.until("all five delivered by the new node", WAIT,
                        () -> rows.of("restart").stream().allMatch(r -> r.state().equals("delivered")));
                Await.value("the pending gauge", WAIT, second::pendingGauge, v -> v == 0.0);
            } finally {
                second.stop();
            }
            assertThat(receiver.received().stream().filter(r -> r.json().getJsonObject("alarm") != null)
                    .map(r -> r.json().getJsonObject("alarm").getLong("id")).distinct())
                    .containsExactlyInAnyOrder(100L, 101L, 102L, 103L, 104L);
        }
    }

    @Test
    void twoDispatchersOverOneDatabaseNeverDeliverARowTwice() throws Exception {
        // A slow receiver keeps deliveries in flight while the other node polls.
        try (TestReceiver receiver = TestReceiver.start(vertx).otherwise(new Answer(200, Map.of(), 30))) {
            Webhook webhook = Samples.webhook("shared", receiver.url("/hook"), 3, Duration.ofSeconds(5));
            Node a = Node.start(webhook);
            Node b = Node.start(webhook);
            int total = 60;
            try {
                for (int i = 0; i < total; i++) {
                    Notifications via = (i % 2 == 0 ? a : b).notifications();
                    await(via.enqueue(AlarmNotifications.of(Samples.raised(1000 + i, "grid-2", Severity.MAJOR))));
                }
                Await.until("all delivered", WAIT,
                        () -> rows.of("shared").stream().filter(r -> r.state().equals("delivered")).count() == total);
            } finally {
                a.stop();
                b.stop();
            }
            List<Received> got = receiver.received();
            Map<String, Long> perDelivery = got.stream()
                    .collect(Collectors.groupingBy(r -> r.header("X-Firehub-Delivery"), Collectors.counting()));
            assertThat(perDelivery).hasSize(total);
            assertThat(perDelivery.values()).containsOnly(1L);
            assertThat(rows.of("shared")).allMatch(r -> r.attempts() == 1);
            double deliveredByA = delivered(a.meters());
            double deliveredByB = delivered(b.meters());
            assertThat(deliveredByA + deliveredByB).isEqualTo(total);
        }
    }

    private static double delivered(MeterRegistry meters) {
        var counter = meters.find("firehub.notifications").tags("webhook", "shared", "outcome", "delivered").counter();
        return counter == null ? 0 : counter.count();
    }
}
