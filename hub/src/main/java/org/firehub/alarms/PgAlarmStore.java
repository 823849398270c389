package org.firehub.alarms;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firehub.people.Principal;
import org.firehub.registry.Conflict;
import org.firehub.registry.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms in PostgreSQL, on the non-blocking pool. Raising is one {@code INSERT ... ON CONFLICT}
 * against the partial unique index {@code alarms_one_active}, so any number of concurrent
 * raises of one (subject, rule) from any number of connections or hub nodes make exactly one
 * row; the others count repeats on it. Every change is published to {@link AlarmChanges} only
 * after its statement committed (each statement runs in its own implicit transaction).
 */
public final class PgAlarmStore implements AlarmSink, AutoCloseable {
    public static final int MAX_COMMENT_LENGTH = 2000;
    /** Corrects the active gauge for changes made by other hub nodes or by hand in SQL. */
    static final Duration ACTIVE_RECOUNT_INTERVAL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PgAlarmStore.class);
    private static final String ACK_NAME = ", (SELECT username FROM users u WHERE u.id = a.acknowledged_by) AS acknowledged_by_name";
    private static final String RAISE = "INSERT INTO alarms AS a (venue_id, device_id, rule_id, hazard, severity, grid,"
            + " raised_at, trigger_values, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            + " ON CONFLICT (venue_id, (coalesce(device_id, '')), rule_id) WHERE cleared_at IS NULL"
            + " DO UPDATE SET repeats = a.repeats + 1, last_repeat_at = greatest(a.last_repeat_at, EXCLUDED.raised_at)"
            + " RETURNING a.*, (a.xmax = 0) AS inserted" + ACK_NAME;
    private static final String CLEAR = "UPDATE alarms a SET cleared_at = greatest(a.raised_at, $4), clear_reason = $5"
            + " WHERE a.venue_id = $1 AND coalesce(a.device_id, '') = $2 AND a.rule_id = $3 AND a.cleared_at IS NULL"
            + " RETURNING a.*" + ACK_NAME;
    private static final String ACKNOWLEDGE = "WITH acked AS (UPDATE alarms SET acknowledged_at = now(), acknowledged_by = $2"
            + " WHERE id = $1 AND acknowledged_at IS NULL RETURNING *),"
            + " noted AS (INSERT INTO alarm_comments (alarm_id, user_id, text) SELECT id, $2, $3 FROM acked WHERE $3::text IS NOT NULL)"
            + " SELECT a.*, u.username AS acknowledged_by_name FROM acked a LEFT JOIN users u ON u.id = a.acknowledged_by";
    private static final String COMMENT = "INSERT INTO alarm_comments (alarm_id, user_id, text) VALUES ($1, $2, $3)"
            + " RETURNING id, alarm_id, text, created_at, (SELECT username FROM users WHERE id = $2) AS author";
    private static final String COMMENTS = "SELECT c.id, c.alarm_id, u.username AS author, c.text, c.created_at"
            + " FROM alarm_comments c JOIN users u ON u.id = c.user_id WHERE c.alarm_id = $1 ORDER BY c.created_at, c.id";
    private static final String COUNT_ACTIVE =
            "SELECT grid, severity, count(*) AS n FROM alarms WHERE cleared_at IS NULL GROUP BY grid, severity";
    /** After a change, the per-grid gauge is recounted this much later (changes in a burst share one count). */
    private static final long RECOUNT_AFTER_CHANGE_MILLIS = 1000;

    private final Vertx vertx;
    private final Pool pool;
    private final AlarmChanges changes;
    private final AlarmMetrics metrics;
    private final CommitListener inCommit;
    private long recountTimer = -1;
    private final java.util.concurrent.atomic.AtomicBoolean recountPending = new java.util.concurrent.atomic.AtomicBoolean();

    private PgAlarmStore(Vertx vertx, Pool pool, AlarmChanges changes, CommitListener inCommit, MeterRegistry meters) {
        this.vertx = vertx;
        this.pool = pool;
        this.changes = changes;
        this.inCommit = inCommit;
        this.metrics = new AlarmMetrics(meters);
    }

    public static Future<PgAlarmStore> start(Vertx vertx, Pool pool, AlarmChanges changes, MeterRegistry meters) {
        return start(vertx, pool, changes, CommitListener.NONE, meters);
    }

    /**
     * Counts the active alarms (the gauge is right from the first scrape), then keeps counting.
     * {@code inCommit} runs inside the transaction of every raise and clear (the outbound
     * notifications' outbox), so the change and its consequences commit together.
     */
    public static Future<PgAlarmStore> start(Vertx vertx, Pool pool, AlarmChanges changes, CommitListener inCommit,
                                             MeterRegistry meters) {
        PgAlarmStore store = new PgAlarmStore(vertx, pool, changes, inCommit, meters);
        return store.recountActive().map(count -> {
            store.recountTimer = vertx.setPeriodic(ACTIVE_RECOUNT_INTERVAL.toMillis(), id -> store.recountActive());
            LOG.info("alarm store started: {} active alarm(s)", count);
            return store;
        });
    }

    public AlarmChanges changes() {
        return changes;
    }

    @Override
    public Future<Optional<AlarmChange>> raise(AlarmRaise raise) {
        AlarmSubject subject = raise.subject();
        Tuple params = Tuple.of(subject.venueId(), subject.deviceId().orElse(null), raise.ruleId(), raise.hazard(),
                raise.severity().wireName(), raise.grid(), AlarmRows.utc(raise.raisedAt()))
                .addValue(AlarmRows.json(raise.values())).addValue(raise.reason());
        return pool.withTransaction(tx -> tx.preparedQuery(RAISE).execute(params).compose(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("inserted")) return Future.succeededFuture(Optional.<AlarmChange>empty());
                    AlarmChange change = new AlarmChange(AlarmChange.Kind.RAISED, AlarmRows.alarm(row));
                    return inCommit.within(tx, change).map(done -> Optional.of(change));
                }))
                .recover(e -> failed("raising rule " + raise.ruleId() + " for " + subject, e))
                .map(change -> {
                    change.ifPresentOrElse(c -> {
                        metrics.raised(c.alarm());
                        changes.publish(c);
                        recountSoon();
                    }, metrics::repeated);
                    return change;
                });
    }

    @Override
    public Future<Optional<AlarmChange>> clear(AlarmClear clear) {
        AlarmSubject subject = clear.subject();
        Tuple params = Tuple.of(subject.venueId(), subject.deviceId().orElse(""), clear.ruleId(),
                AlarmRows.utc(clear.clearedAt()), clear.reason());
        return pool.withTransaction(tx -> tx.preparedQuery(CLEAR).execute(params).compose(rows -> {
                    if (rows.size() == 0) return Future.succeededFuture(Optional.<AlarmChange>empty());
                    AlarmChange change = new AlarmChange(AlarmChange.Kind.CLEARED, AlarmRows.alarm(rows.iterator().next()));
                    return inCommit.within(tx, change).map(done -> Optional.of(change));
                }))
                .recover(e -> failed("clearing rule " + clear.ruleId() + " for " + subject, e))
                .map(change -> {
                    change.ifPresent(c -> {
                        metrics.cleared(c.alarm());
                        changes.publish(c);
                        recountSoon();
                    });
                    return change;
                });
    }

    @Override
    public Future<List<Alarm>> active() {
        return pool.query("SELECT " + AlarmRows.COLUMNS + AlarmRows.FROM + " WHERE a.cleared_at IS NULL ORDER BY a.id")
                .execute().map(PgAlarmStore::alarms);
    }

    /** The alarms within {@code scope} matching {@code query}, newest first. */
    public Future<List<Alarm>> find(AlarmQuery query, AlarmScope scope) {
        AlarmFilter filter = AlarmFilter.of(query, scope);
        String sql = "SELECT " + AlarmRows.COLUMNS + AlarmRows.FROM + filter.where()
                + " ORDER BY a.raised_at DESC, a.id DESC LIMIT " + filter.param(query.limit());
        return pool.preparedQuery(sql).execute(filter.params()).map(PgAlarmStore::alarms);
    }

    /** One alarm with its comments; empty when there is none or it is outside {@code scope}. */
    public Future<Optional<AlarmDetail>> detail(long id, AlarmScope scope) {
        AlarmFilter filter = AlarmFilter.byId(id, scope);
        return pool.preparedQuery("SELECT " + AlarmRows.COLUMNS + AlarmRows.FROM + filter.where()).execute(filter.params())
                .compose(rows -> {
                    if (rows.size() == 0) return Future.succeededFuture(Optional.empty());
                    Row row = rows.iterator().next();
                    return pool.preparedQuery(COMMENTS).execute(Tuple.of(id)).map(comments -> {
                        List<AlarmComment> list = new ArrayList<>(comments.size());
                        comments.forEach(c -> list.add(AlarmRows.comment(c)));
                        return Optional.of(AlarmRows.detail(row, list));
                    });
                });
    }

    /**
     * Records that {@code by} has seen the alarm, with an optional note (kept as a comment).
     * Acknowledging again by the same person answers the alarm unchanged (a retried request);
     * an alarm someone else acknowledged fails with {@link Conflict}. Empty when not in scope.
     */
    public Future<Optional<Alarm>> acknowledge(long id, AlarmScope scope, Principal by, Optional<String> note) {
        Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_COMMENT_LENGTH) {
            return Future.failedFuture(InvalidInput.of("note", "must be at most " + MAX_COMMENT_LENGTH + " characters"));
        }
        return detail(id, scope).compose(found -> {
            if (found.isEmpty()) return Future.succeededFuture(Optional.empty());
            return pool.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(id, by.userId(), text.orElse(null))).compose(rows -> {
                if (rows.size() == 1) {
                    return Future.succeededFuture(Optional.of(
                            published(AlarmChange.Kind.ACKNOWLEDGED, AlarmRows.alarm(rows.iterator().next())).alarm()));
                }
                return detail(id, scope).compose(now -> alreadyAcknowledged(id, by, now));
            });
        });
    }

    private static Future<Optional<Alarm>> alreadyAcknowledged(long id, Principal by, Optional<AlarmDetail> now) {
        if (now.isEmpty()) return Future.succeededFuture(Optional.empty());
        Alarm alarm = now.get().alarm();
        if (alarm.acknowledgedBy().filter(by.username()::equals).isPresent()) return Future.succeededFuture(Optional.of(alarm));
        return Future.failedFuture(new Conflict("alarm " + id + " was already acknowledged by "
                + alarm.acknowledgedBy().orElse("someone") + " at " + alarm.acknowledgedAt().map(Object::toString).orElse("?")));
    }

    /** Adds a comment (1 to {@value #MAX_COMMENT_LENGTH} characters); empty when the alarm is not in scope. */
    public Future<Optional<AlarmComment>> comment(long id, AlarmScope scope, Principal by, String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_COMMENT_LENGTH) {
            return Future.failedFuture(InvalidInput.of("text", "must be 1 to " + MAX_COMMENT_LENGTH + " characters"));
        }
        return detail(id, scope).compose(found -> {
            if (found.isEmpty()) return Future.succeededFuture(Optional.empty());
            return pool.preparedQuery(COMMENT).execute(Tuple.of(id, by.userId(), stripped)).map(rows -> {
                AlarmComment comment = AlarmRows.comment(rows.iterator().next());
                published(AlarmChange.Kind.COMMENTED, found.get().alarm());
                return Optional.of(comment);
            });
        });
    }

    /** Counts the active alarms in PostgreSQL, by grid and severity, and sets the gauges. */
    Future<Long> recountActive() {
        return pool.query(COUNT_ACTIVE).execute().map(rows -> {
            Map<AlarmMetrics.GridSeverity, Long> counts = new java.util.HashMap<>();
            long total = 0;
            for (Row row : rows) {
                long n = row.getLong("n");
                counts.put(new AlarmMetrics.GridSeverity(row.getString("grid"), row.getString("severity")), n);
                total += n;
            }
            metrics.activeCounted(total, counts);
            return total;
        }).onFailure(e -> LOG.warn("counting active alarms failed: {}", e.toString()));
    }

    /** The per-grid gauge follows raises and clears within a second, one count per burst. */
    private void recountSoon() {
        if (recountPending.compareAndSet(false, true)) {
            vertx.setTimer(RECOUNT_AFTER_CHANGE_MILLIS, id -> {
                recountPending.set(false);
                recountActive();
            });
        }
    }

    private AlarmChange published(AlarmChange.Kind kind, Alarm alarm) {
        AlarmChange change = new AlarmChange(kind, alarm);
        changes.publish(change);
        return change;
    }

    private static List<Alarm> alarms(RowSet<Row> rows) {
        List<Alarm> alarms = new ArrayList<>(rows.size());
        rows.forEach(row -> alarms.add(AlarmRows.alarm(row)));
        return alarms;
    }

    private static <T> Future<T> failed(String what, Throwable cause) {
        return Future.failedFuture(new IllegalStateException(what + " failed: " + cause.getMessage(), cause));
    }

    @Override
    public void close() {
        if (recountTimer >= 0) vertx.cancelTimer(recountTimer);
    }
}
