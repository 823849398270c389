package org.firehub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firehub.alarms.AlarmHarness.await;
import static org.firehub.alarms.AlarmHarness.gasAlarm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgAlarmStoreTest {
    static AlarmHarness h;

    @BeforeAll
    static void start() {
        h = new AlarmHarness("alarm_store");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aStormOfConcurrentRepeatsFromManyConnectionsMakesExactlyOneAlarm() throws Exception {
        long venue = h.venue("G-storm");
        AlarmSubject subject = AlarmSubject.device(venue, h.device(venue));
        List<AlarmChange> published = new CopyOnWriteArrayList<>();
        double repeatsBefore = h.meters.counter("firehub.alarms.repeats").count();
        // Four stores on four pools of eight connections: four hub nodes sharing one PostgreSQL.
        List<Pool> pools = new ArrayList<>();
        List<PgAlarmStore> stores = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Pool pool = h.pg.pool(h.vertx, 8);
            pools.add(pool);
            stores.add(await(PgAlarmStore.start(h.vertx, pool, h.changes, h.meters)));
        }
        try (AlarmChanges.Subscription ignored = h.changes.subscribe("storm-test", published::add)) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int raises = 400;
            List<Future<Optional<AlarmChange>>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < raises; i++) {
                results.add(stores.get(i % stores.size()).raise(gasAlarm(subject, "G-storm", "gas-high", t0.plusMillis(i))));
            }
            await(Future.all(results));
            org.slf4j.LoggerFactory.getLogger(PgAlarmStoreTest.class).info("storm: {} concurrent raises over 32 connections in {} ms",
                    raises, (System.nanoTime() - started) / 1_000_000);

            List<AlarmChange> raisedByStorm = results.stream().map(f -> f.result()).flatMap(Optional::stream).toList();
            assertThat(raisedByStorm).hasSize(1);
            assertThat(raisedByStorm.getFirst().kind()).isEqualTo(AlarmChange.Kind.RAISED);
            try (Connection c = h.jdbc(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), max(repeats), bool_and(cleared_at IS NULL) FROM alarms WHERE device_id = ?")) {
                ps.setString(1, subject.deviceId().orElseThrow());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows for the device").isEqualTo(1);
                    assertThat(rs.getInt(2)).as("repeats counted on the one alarm").isEqualTo(raises - 1);
                    assertThat(rs.getBoolean(3)).isTrue();
                }
            }
            Await.until("the RAISED change is delivered", Duration.ofSeconds(5), () -> !published.isEmpty());
            Await.staysFalse("a second change for the storm", Duration.ofMillis(300), () -> published.size() > 1);
            assertThat(published.getFirst().alarm().id()).isEqualTo(raisedByStorm.getFirst().alarm().id());
            assertThat(h.meters.counter("firehub.alarms.repeats").count() - repeatsBefore).isEqualTo(raises - 1);
        } finally {
            stores.forEach(PgAlarmStore::close);
            pools.forEach(p -> await(p.close()));
        }
    }

    @Test
    void anAlarmRaisedAgainAfterItClearedIsASecondAlarmAndTheFirstStaysInHistory() throws Exception {
        long venue = h.venue("G-01");
        AlarmSubject subject = AlarmSubject.device(venue, h.device(venue));
        Instant t0 = Instant.parse("2026-11-24T08:00:00Z");

        Alarm first = h.raised(gasAlarm(subject, "G-01", "gas-high", t0));
        Optional<AlarmChange> cleared = await(h.store.clear(new AlarmClear(subject, "gas-high", t0.plusSeconds(60), "below 20 %LEL for 30 s")));
        assertThat(cleared).hasValueSatisfying(change -> {
            assertThat(change.kind()).isEqualTo(AlarmChange.Kind.CLEARED);
            assertThat(change.alarm().id()).isEqualTo(first.id());
            assertThat(change.alarm().clearedAt()).hasValue(t0.plusSeconds(60));
        });
        assertThat(await(h.store.clear(new AlarmClear(subject, "gas-high", t0.plusSeconds(61), "again"))))
                .as("clearing an alarm that is not active changes nothing").isEmpty();

        Alarm second = h.raised(gasAlarm(subject, "G-01", "gas-high", t0.plusSeconds(120)));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.repeats()).isZero();
        assertThat(await(h.store.active())).extracting(Alarm::id).contains(second.id()).doesNotContain(first.id());
        List<Alarm> history = await(h.store.find(new AlarmQuery(Optional.empty(), Optional.of(venue), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 10), AlarmScope.everything()));
        assertThat(history).extracting(Alarm::id).containsExactly(second.id(), first.id());
        AlarmDetail detail = await(h.store.detail(first.id(), AlarmScope.everything())).orElseThrow();
        assertThat(detail.clearReason()).hasValue("below 20 %LEL for 30 s");
        assertThat(detail.alarm().values()).containsEntry("gas_lel_pct", 31.0);
        assertThat(detail.alarm().reason()).isEqualTo("gas_lel_pct 31.0 ≥ 25.0 for 10 s");
    }

    @Test
    void aVenueAlarmIsAlsoOnlyOnceActivePerRule() {
        long venue = h.venue("G-01");
        AlarmSubject subject = AlarmSubject.venue(venue);
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        Alarm fire = h.raised(gasAlarm(subject, "G-01", "confirmed-fire", t0));
        assertThat(await(h.store.raise(gasAlarm(subject, "G-01", "confirmed-fire", t0.plusSeconds(5))))).isEmpty();
        // A device alarm of the same venue and rule is another subject.
        String device = h.device(venue);
        assertThat(await(h.store.raise(gasAlarm(AlarmSubject.device(venue, device), "G-01", "confirmed-fire", t0))))
                .isPresent();
        AlarmDetail detail = await(h.store.detail(fire.id(), AlarmScope.everything())).orElseThrow();
        assertThat(detail.alarm().subject().deviceId()).isEmpty();
        assertThat(detail.alarm().repeats()).isEqualTo(1);
        assertThat(detail.lastRepeatAt()).hasValue(t0.plusSeconds(5));
    }

    @Test
    void theDatabaseItselfRefusesASecondActiveAlarmForOneSubjectAndRule() throws Exception {
        long venue = h.venue("G-01");
        String device = h.device(venue);
        h.raised(gasAlarm(AlarmSubject.device(venue, device), "G-01", "gas-high", Instant.now()));
        h.raised(gasAlarm(AlarmSubject.venue(venue), "G-01", "confirmed-fire", Instant.now()));
        String insert = "INSERT INTO alarms (venue_id, device_id, rule_id, hazard, severity, grid, raised_at, reason, cleared_at)"
                + " VALUES (?, ?, ?, 'gas_leak', 'major', 'G-01', now(), 'by hand', ?)";
        try (Connection c = h.jdbc()) {
            assertThatThrownBy(() -> insertRow(c, insert, venue, device, "gas-high", null))
                    .isInstanceOf(SQLException.class).hasMessageContaining("alarms_one_active")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> insertRow(c, insert, venue, null, "confirmed-fire", null))
                    .isInstanceOf(SQLException.class).hasMessageContaining("alarms_one_active");
            // Cleared rows are history: any number of them may sit next to the active one.
            insertRow(c, insert, venue, device, "gas-high", java.sql.Timestamp.from(Instant.now().plusSeconds(1)));
            insertRow(c, insert, venue, null, "confirmed-fire", java.sql.Timestamp.from(Instant.now().plusSeconds(1)));
        }
    }

    private static void insertRow(Connection c, String sql, long venue, String device, String rule, java.sql.Timestamp cleared)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, venue);
            ps.setString(2, device);
            ps.setString(3, rule);
            ps.setTimestamp(4, cleared);
            ps.executeUpdate();
        }
    }

    @Test
    void raisingForAnUnregisteredDeviceFailsNamingTheRuleAndDevice() {
        long venue = h.venue("G-01");
        AlarmRaise raise = gasAlarm(AlarmSubject.device(venue, "no-such-device"), "G-01", "gas-high", Instant.now());
        Future<Optional<AlarmChange>> result = h.store.raise(raise);
        Await.until("the raise fails", Duration.ofSeconds(10), result::isComplete);
        assertThat(result.failed()).isTrue();
        assertThat(result.cause().getMessage()).contains("gas-high").contains("no-such-device");
    }

    @Test
    void anAlarmWithANonFiniteFigureIsStillRaised() {
        long venue = h.venue("G-01");
        AlarmSubject subject = AlarmSubject.device(venue, h.device(venue));
        Alarm alarm = h.raised(new AlarmRaise(subject, "G-01", "temp-rise", "fire", org.firehub.rules.Severity.CRITICAL,
                Instant.now(), java.util.Map.of("temperature_c", 71.0, "rise_c_per_min", Double.POSITIVE_INFINITY),
                "temperature_c rose 12.0 °C in 0 s"));
        assertThat(alarm.values()).containsOnlyKeys("temperature_c");
    }

    @Test
    void theActiveGaugeIsRightAfterARestart() {
        long venue = h.venue("G-01");
        AlarmSubject subject = AlarmSubject.device(venue, h.device(venue));
        h.raised(gasAlarm(subject, "G-01", "gas-high", Instant.now()));
        h.raised(gasAlarm(subject, "G-01", "gas-low", Instant.now()));
        long activeInDatabase = await(h.store.active()).size();

        SimpleMeterRegistry afterRestart = new SimpleMeterRegistry();
        try (PgAlarmStore restarted = await(PgAlarmStore.start(h.vertx, h.pool, h.changes, afterRestart))) {
            assertThat(afterRestart.get("firehub.alarms.active").gauge().value()).isEqualTo(activeInDatabase);
            await(restarted.clear(new AlarmClear(subject, "gas-low", Instant.now(), "gone")));
            assertThat(afterRestart.get("firehub.alarms.active").gauge().value()).isEqualTo(activeInDatabase - 1);
            assertThat(afterRestart.get("firehub.alarms.cleared").tag("hazard", "gas_leak").tag("severity", "major")
                    .counter().count()).isEqualTo(1);
        }
    }
}
