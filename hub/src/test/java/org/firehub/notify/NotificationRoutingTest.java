package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firehub.notify.OutboxRows.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firehub.alarms.AlarmChange;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which webhooks a notification is queued for (type, grid, severity), checked in the outbox table. */
class NotificationRoutingTest {
    private static Vertx vertx;
    private static Pool pool;
    private static OutboxRows rows;
    private static Notifications notifications;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        PgSettings pg = TestDatabase.migrated("notify_routing");
        pool = pg.pool(vertx, 2);
        rows = new OutboxRows(pg);
        // Never started: routing happens at enqueue, delivery is another test's business.
        notifications = Notifications.create(vertx, pool, Samples.config(
                hook("town-critical", Set.of("alarm.raised"), Optional.empty(), Severity.CRITICAL),
                hook("grid3-major", Set.of("alarm.*"), Optional.of(Set.of("grid-3", "grid-4")), Severity.MAJOR),
                hook("escalations", Set.of("ticket.escalated"), Optional.empty(), Severity.MINOR)),
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    private static Webhook hook(String name, Set<String> types, Optional<Set<String>> grids, Severity min) {
        return new Webhook(name, URI.create("http://127.0.0.1:9/" + name), types, grids, min, Duration.ofSeconds(1), 3, Samples.SECRET);
    }

    @Test
    void criticalAlarmInACoveredGridGoesToBothAlarmWebhooks() throws Exception {
        assertThat(await(notifications.enqueue(AlarmNotifications.of(Samples.raised(1, "grid-3", Severity.CRITICAL))))).isEqualTo(2);
        assertThat(alarmIds("town-critical")).contains(1L);
        assertThat(alarmIds("grid3-major")).contains(1L);
        assertThat(alarmIds("escalations")).doesNotContain(1L);
    }

    @Test
    void gridFilterLeavesOutOtherGrids() throws Exception {
        assertThat(await(notifications.enqueue(AlarmNotifications.of(Samples.raised(2, "grid-9", Severity.CRITICAL))))).isEqualTo(1);
        assertThat(alarmIds("town-critical")).contains(2L);
        assertThat(alarmIds("grid3-major")).doesNotContain(2L);
    }

    @Test
    void severityFilterLeavesOutLesserAlarms() throws Exception {
        assertThat(await(notifications.enqueue(AlarmNotifications.of(Samples.raised(3, "grid-3", Severity.MAJOR))))).isEqualTo(1);
        assertThat(alarmIds("grid3-major")).contains(3L);
        assertThat(alarmIds("town-critical")).doesNotContain(3L);

        assertThat(await(notifications.enqueue(AlarmNotifications.of(Samples.raised(4, "grid-3", Severity.MINOR))))).isZero();
        assertThat(alarmIds("grid3-major")).doesNotContain(4L);
    }

    @Test
    void typeFilterPicksExactTypesAndFamilies() throws Exception {
        AlarmChange cleared = new AlarmChange(AlarmChange.Kind.CLEARED, Samples.smokeAlarm(5, "grid-4", Severity.CRITICAL));
        assertThat(await(notifications.enqueue(AlarmNotifications.of(cleared)))).isEqualTo(1);
        assertThat(rows.of("grid3-major")).filteredOn(r -> r.type().equals("alarm.cleared")).hasSize(1);
        assertThat(alarmIds("town-critical")).doesNotContain(5L);

        Notification escalated = new Notification("ticket.escalated", "grid-7", Severity.MINOR, new JsonObject().put("ticket", new JsonObject().put("id", 99)));
        assertThat(await(notifications.enqueue(escalated))).isEqualTo(1);
        OutboxRows.Stored stored = rows.only("escalations");
        assertThat(stored.type()).isEqualTo("ticket.escalated");
        assertThat(stored.state()).isEqualTo("pending");
        assertThat(stored.payload()).isEqualTo(new JsonObject().put("ticket", new JsonObject().put("id", 99))
                .put("type", "ticket.escalated").put("grid", "grid-7").put("severity", "minor"));
    }

    @Test
    void enqueueInsideATransactionIsKeptOnlyIfItCommits() throws Exception {
        SqlConnection connection = await(pool.getConnection());
        try {
            Transaction tx = await(connection.begin());
            await(notifications.enqueue(connection, AlarmNotifications.of(Samples.raised(6, "grid-8", Severity.CRITICAL))));
            await(tx.rollback());
            assertThat(alarmIds("town-critical")).doesNotContain(6L);

            tx = await(connection.begin());
            await(notifications.enqueue(connection, AlarmNotifications.of(Samples.raised(7, "grid-8", Severity.CRITICAL))));
            await(tx.commit());
            assertThat(alarmIds("town-critical")).contains(7L);
        } finally {
            await(connection.close());
        }
    }

    @Test
    void alarmListenerQueuesEveryCommittedAlarmChange() {
        notifications.alarmListener().accept(Samples.raised(8, "grid-4", Severity.CRITICAL));
        org.firehub.testing.Await.until("the listener's rows", java.time.Duration.ofSeconds(10),
                () -> alarmIds("town-critical").contains(8L) && alarmIds("grid3-major").contains(8L));
    }

    @Test
    void malformedNotificationsAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> new Notification("Alarm Raised", "grid-1", Severity.MAJOR, new JsonObject()))
                .hasMessageContaining("'Alarm Raised' is not a dotted lower-case name");
        assertThatThrownBy(() -> new Notification("alarm.raised", " ", Severity.MAJOR, new JsonObject()))
                .hasMessageContaining("grid is blank");
        assertThatThrownBy(() -> new Notification("alarm.raised", "grid-1", Severity.MAJOR, new JsonObject().put("sentAt", "x")))
                .hasMessageContaining("may not set 'sentAt'");
    }

    private static List<Long> alarmIds(String webhook) {
        return rows.of(webhook).stream().map(r -> r.payload().getJsonObject("alarm"))
                .filter(a -> a != null).map(a -> a.getLong("id")).toList();
    }
}
