package org.firehub.tickets.escalation;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.auth.SecretTokens;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.MutableClock;
import org.firehub.testing.TestDatabase;
import org.firehub.tickets.Finding;
import org.firehub.tickets.TicketPolicy;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.TicketSource;
import org.firehub.tickets.TransitionGuard;

/**
 * A fresh migrated PostgreSQL with the real ticket service on a hand-moved clock, and JDBC
 * helpers to seed venues, people and tickets in known states at known times. One per test class.
 * Scopes are by role (the town for admins and supervisors, the person's grid for grid workers).
 */
public final class TicketsDb implements AutoCloseable {
    public final PgSettings pg;
    public final Vertx vertx = Vertx.vertx();
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final Pool pool;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    public final TicketService tickets;
    /** Town for admins and supervisors, their grid for grid workers, nothing for owners. */
    public final AccessScopes scopes = p -> Future.succeededFuture(switch (p.role()) {
        case ADMIN, SUPERVISOR -> AccessScope.everything();
        case GRID_WORKER -> p.grid() == null ? AccessScope.nothing() : AccessScope.grid(p.grid());
        case VENUE_OWNER -> AccessScope.nothing();
    });
    private final AtomicInteger names = new AtomicInteger();

    /** Someone who can sign in with {@code token}. */
    public record Person(long id, String username, String token) {}

    public TicketsDb(String dbPrefix) {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 6);
        tickets = TicketService.create(vertx, pool, scopes, TicketPolicy.defaults(), clock, TransitionGuard.NONE, meters);
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    public long venue(String grid) {
        return venue(grid, "Venue " + names.incrementAndGet());
    }

    public long venue(String grid, String name) {
        return queryLong("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street',"
                + " 'restaurant', ?, ?) RETURNING id", name, grid, SecretTokens.generate());
    }

    public Person person(Role role, String grid) {
        String username = role.wireName() + names.incrementAndGet();
        long id = queryLong("INSERT INTO users (username, password_hash, role, grid) VALUES (?, 'unused', ?, ?) RETURNING id",
                username, role.wireName(), grid);
        String token = SecretTokens.generate();
        execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + interval '1 hour')",
                SecretTokens.hash(token), id);
        return new Person(id, username, token);
    }

    public void leader(String grid, Person leader) {
        execute("UPDATE grids SET leader_user_id = ? WHERE code = ?", leader == null ? null : leader.id(), grid);
    }

    /** A patrol finding at the clock's now through the real service: a new OPEN ticket with the policy's deadline. */
    public long ticket(long venueId, String hazard, Severity severity) {
        Finding f = new Finding(venueId, Optional.empty(), hazard, severity, TicketSource.PATROL, Optional.empty(),
                clock.instant(), Optional.empty(), "system", Optional.of("seen"), Optional.empty(), new JsonObject());
        return await(tickets.record(pool, f)).ticketId();
    }

    /** Moves a ticket straight to {@code state} in SQL (the service's rules are tested elsewhere), as {@code assignee}. */
    public void force(long ticketId, String state, Person assignee, Instant at) {
        Timestamp ts = Timestamp.from(at);
        switch (state) {
            case "DISPATCHED", "RECTIFYING" -> execute("UPDATE tickets SET state = ?, assignee_user_id = ?, dispatched_at = ?,"
                    + " version = version + 1 WHERE id = ?", state, assignee.id(), ts, ticketId);
            case "SUBMITTED" -> execute("UPDATE tickets SET state = 'SUBMITTED', assignee_user_id = ?, dispatched_at = ?,"
                    + " submitted_at = ?, verify_by = ?, version = version + 1 WHERE id = ?", assignee.id(), ts, ts,
                    Timestamp.from(TicketPolicy.defaults().verifyBy(at)), ticketId);
            case "CLOSED" -> execute("UPDATE tickets SET state = 'CLOSED', assignee_user_id = ?, dispatched_at = ?,"
                    + " submitted_at = ?, verify_by = ?, closed_at = ?, version = version + 1 WHERE id = ?",
                    assignee.id(), ts, ts, ts, ts, ticketId);
            case "CANCELLED" -> execute("UPDATE tickets SET state = 'CANCELLED', closed_at = ?, version = version + 1"
                    + " WHERE id = ?", ts, ticketId);
            default -> throw new IllegalArgumentException(state);
        }
    }

    /** Cancels every open ticket, so a test starts with nothing overdue from the tests before it. */
    public void cancelAllOpen() {
        execute("UPDATE tickets SET state = 'CANCELLED', closed_at = now() WHERE state NOT IN ('CLOSED', 'CANCELLED')");
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    public long queryLong(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("no row: " + sql);
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or null when there is no row or it is NULL. */
    public String queryString(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql, Object... params) {
        try (Connection c = jdbc(); PreparedStatement ps = prepare(c, sql, params)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        return ps;
    }

    @Override
    public void close() {
        tickets.close();
        await(pool.close());
        await(vertx.close());
    }
}
