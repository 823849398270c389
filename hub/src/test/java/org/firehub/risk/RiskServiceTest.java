package org.firehub.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.auth.SecretTokens;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.TestDatabase;
import org.firehub.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Venue levels computed from a real migrated PostgreSQL, seeded per situation. */
class RiskServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static PgSettings pg;
    private static Vertx vertx;
    private static Pool pool;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile Instant now = NOW;
    private static RiskService risk;

    @BeforeAll
    static void start() {
        pg = TestDatabase.migrated("risk");
        vertx = Vertx.vertx();
        pool = pg.pool(vertx, 4);
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        risk = RiskService.create(pool, RiskFiles.shipped(), clock, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void aVenueWithNothingWrongIsGreenAndAnUnknownOneIsAbsent() throws Exception {
        long venue = venue();
        String dev = device(venue);
        seen(dev, NOW.minusSeconds(60));
        RiskAssessment a = await(risk.levelOf(venue)).orElseThrow();
        assertThat(a.level()).isEqualTo(RiskLevel.GREEN);
        assertThat(a.facts().onlinePercent()).contains(100.0);
        assertThat(await(risk.levelOf(987_654_321L))).isEmpty();
    }

    @Test
    void openTicketsGiveYellowOrOrangeByTheirSeverityAndClosedOnesDoNot() throws Exception {
        long minor = venue();
        ticket(minor, "blocked_exit", "minor", "OPEN", NOW.plus(Duration.ofDays(3)), null);
        ticket(minor, "old_thing", "critical", "CLOSED", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)));
        long critical = venue();
        ticket(critical, "gas_leak_high", "critical", "OPEN", NOW.plus(Duration.ofHours(3)), null);
        Map<Long, RiskAssessment> levels = await(risk.levelsOf(List.of(minor, critical, 987_654_322L)));
        assertThat(levels).containsOnlyKeys(minor, critical);
        assertThat(levels.get(minor).level()).isEqualTo(RiskLevel.YELLOW);
        assertThat(levels.get(minor).reasons()).extracting(RiskReason::code).containsExactly("open_minor_ticket");
        assertThat(levels.get(minor).facts().lastInspection()).contains(NOW.minus(Duration.ofDays(2)));
        assertThat(levels.get(critical).level()).isEqualTo(RiskLevel.ORANGE);
    }

    @Test
    void anOverdueCriticalTicketIsRed() throws Exception {
        long venue = venue();
        ticket(venue, "gas_leak_high", "critical", "OPEN", NOW.minus(Duration.ofHours(1)), null);
        RiskAssessment a = await(risk.levelOf(venue)).orElseThrow();
        assertThat(a.level()).isEqualTo(RiskLevel.RED);
        assertThat(a.reasons().getFirst().code()).isEqualTo("overdue_critical_ticket");
    }

    @Test
    void aRecentCriticalAlarmIsRedButAnOldOneIsForgotten() throws Exception {
        long recent = venue();
        alarm(recent, null, "smoke_alarm", "critical", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)));
        long old = venue();
        alarm(old, null, "smoke_alarm", "critical", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)));
        assertThat(await(risk.levelOf(recent)).orElseThrow().level()).isEqualTo(RiskLevel.RED);
        assertThat(await(risk.levelOf(old)).orElseThrow().level()).isEqualTo(RiskLevel.GREEN);
    }

    @Test
    void silentDevicesAndOfflineAlarmsCountOfflineAndFaultAlarmsCountFaulty() throws Exception {
        long venue = venue();
        String fresh = device(venue);
        seen(fresh, NOW.minusSeconds(30));
        String silent = device(venue);
        seen(silent, NOW.minus(Duration.ofHours(2)));
        String alarmed = device(venue);
        seen(alarmed, NOW.minusSeconds(30));
        alarm(venue, alarmed, "device_offline", "major", NOW.minus(Duration.ofDays(2)), null);
        String faulty = device(venue);
        seen(faulty, NOW.minusSeconds(30));
        alarm(venue, faulty, "device_fault", "minor", NOW.minus(Duration.ofDays(3)), null);
        RiskAssessment a = await(risk.levelOf(venue)).orElseThrow();
        assertThat(a.facts().devices()).isEqualTo(4);
        assertThat(a.facts().offlineDevices()).isEqualTo(2);
        assertThat(a.facts().faultyDevices()).isEqualTo(1);
        assertThat(a.level()).isEqualTo(RiskLevel.ORANGE);
        assertThat(a.reasons()).extracting(RiskReason::code).containsExactly("many_devices_offline", "device_fault");
    }

    @Test
    void aLevelIsCachedBrieflyThenRecomputed() throws Exception {
        long venue = venue();
        assertThat(await(risk.levelOf(venue)).orElseThrow().level()).isEqualTo(RiskLevel.GREEN);
        ticket(venue, "blocked_exit", "major", "OPEN", NOW.plus(Duration.ofDays(3)), null);
        assertThat(await(risk.levelOf(venue)).orElseThrow().level()).as("within the cache time").isEqualTo(RiskLevel.GREEN);
        synchronized (RiskServiceTest.class) {
            now = NOW.plusSeconds(6);
            try {
                assertThat(await(risk.levelOf(venue)).orElseThrow().level()).isEqualTo(RiskLevel.YELLOW);
            } finally {
                now = NOW;
            }
        }
        risk.invalidate(venue);
        assertThat(await(risk.levelOf(venue)).orElseThrow().level()).isEqualTo(RiskLevel.YELLOW);
    }

    // --- seeding -------------------------------------------------------------------------------

    private static long venue() throws SQLException {
        return TestRegistry.insertVenue(pg, "Venue " + NAMES.incrementAndGet(), "g1");
    }

    private static String device(long venue) throws SQLException {
        String id = "rd-" + NAMES.incrementAndGet();
        TestRegistry.insertDevice(pg, id, "gas", venue);
        execute("UPDATE devices SET created_at = ? WHERE device_id = ?", ts(NOW.minus(Duration.ofDays(30))), id);
        return id;
    }

    private static void seen(String device, Instant at) throws SQLException {
        execute("INSERT INTO device_presence (device_id, last_seen_at) VALUES (?, ?)", device, ts(at));
    }

    private static void ticket(long venue, String hazard, String severity, String state, Instant deadline, Instant closedAt)
            throws SQLException {
        Instant created = NOW.minus(Duration.ofDays(4));
        Long assignee = state.equals("OPEN") ? null : inspector();
        execute("INSERT INTO tickets (venue_id, hazard, severity, state, source, deadline, first_seen_at, last_seen_at,"
                        + " created_at, closed_at, assignee_user_id) VALUES (?, ?, ?, ?, 'patrol', ?, ?, ?, ?, ?, ?)", venue, hazard,
                severity, state, ts(deadline), ts(created), ts(created), ts(created), closedAt == null ? null : ts(closedAt), assignee);
    }

    private static long inspector() throws SQLException {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement st = c.prepareStatement(
                "INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', 'grid_worker', 'g1') RETURNING id")) {
            st.setString(1, "inspector" + NAMES.incrementAndGet());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void alarm(long venue, String device, String hazard, String severity, Instant raised, Instant cleared)
            throws SQLException {
        execute("INSERT INTO alarms (venue_id, device_id, rule_id, hazard, severity, grid, raised_at, cleared_at, reason)"
                + " VALUES (?, ?, ?, ?, ?, 'g1', ?, ?, 'seeded')", venue, device, "r-" + NAMES.incrementAndGet(), hazard,
                severity, ts(raised), cleared == null ? null : ts(cleared));
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static void execute(String sql, Object... args) throws SQLException {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            st.executeUpdate();
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
