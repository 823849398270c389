package org.firehub.tickets.escalation;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.firehub.notify.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates overdue tickets once each to their grid's leader: a periodic scan (every
 * {@link EscalationSettings#interval()}) of open tickets past their deadline, and submitted ones
 * past their verification date, not yet escalated. Each ticket is escalated in its own
 * transaction together with its audit entry and its {@code ticket.escalated} notification, so
 * the three commit together or not at all, and one failing ticket does not hold up the others.
 * Safe to run on several hub nodes at once: the database decides who escalates (see
 * {@link PgEscalationStore}). Everything is non-blocking (reactive PostgreSQL client).
 */
public final class EscalationJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationJob.class);

    private final Vertx vertx;
    private final PgEscalationStore store;
    private final Notifications notifications;
    private final EscalationSettings settings;
    private final Clock clock;
    private final EscalationMetrics metrics;
    /** A slow run (a huge backlog, a slow database) must not overlap the next tick on this node. */
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    private EscalationJob(Vertx vertx, Pool pool, Notifications notifications, EscalationSettings settings, Clock clock,
                          MeterRegistry meters) {
        this.vertx = vertx;
        this.store = new PgEscalationStore(pool);
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
        this.metrics = new EscalationMetrics(meters);
    }

    /** A job that does nothing until {@link #runOnce()} is called (tests, or an operator's command). */
    public static EscalationJob create(Vertx vertx, Pool pool, Notifications notifications, EscalationSettings settings,
                                       Clock clock, MeterRegistry meters) {
        return new EscalationJob(vertx, pool, notifications, settings, clock, meters);
    }

    /** A job scanning now and then every {@code settings.interval()}; {@link #close()} stops it. */
    public static EscalationJob start(Vertx vertx, Pool pool, Notifications notifications, EscalationSettings settings,
                                      Clock clock, MeterRegistry meters) {
        EscalationJob job = create(vertx, pool, notifications, settings, clock, meters);
        job.tick();
        job.timer = vertx.setPeriodic(settings.interval().toMillis(), id -> job.tick());
        LOG.info("ticket escalation: every {}, at most {} per run", settings.interval(), settings.batchSize());
        return job;
    }

    /**
     * One scan: escalates up to a batch of overdue tickets, the longest overdue first, one after
     * the other, then recounts the overdue gauge. Never fails: a ticket that could not be
     * escalated is logged, counted and tried again next run.
     */
    public Future<EscalationRun> runOnce() {
        Instant now = clock.instant();
        return store.candidates(now, settings.batchSize())
                .compose(ids -> escalateAll(ids, now).map(run -> {
                    if (run.batchFull()) LOG.info("escalation: a full batch of {}; more may be waiting", ids.size());
                    return run;
                }))
                .recover(e -> {
                    metrics.failed();
                    LOG.error("escalation scan failed (next run tries again): {}", e.toString());
                    return Future.succeededFuture(new EscalationRun(0, 0, 1, false));
                })
                .compose(run -> store.overdueByGrid(now).onSuccess(metrics::overdueCounted)
                        .onFailure(e -> LOG.warn("counting overdue tickets failed: {}", e.toString()))
                        .transform(ignored -> Future.succeededFuture(run)));
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            LOG.warn("escalation: the previous run is still going; skipping this tick");
            return;
        }
        runOnce().onComplete(done -> {
            running.set(false);
            // A backlog (after an outage, say) drains run after run rather than one batch a minute;
            // only while runs make progress, so a batch that keeps failing does not spin.
            EscalationRun run = done.result();
            if (run != null && run.batchFull() && run.escalated() > 0 && timer >= 0) vertx.runOnContext(v -> tick());
        });
    }

    /** Sequentially, so a backlog of hundreds does not take every pooled connection at once. */
    private Future<EscalationRun> escalateAll(List<Long> ids, Instant now) {
        Future<EscalationRun> chain = Future.succeededFuture(new EscalationRun(0, 0, 0, ids.size() >= settings.batchSize()));
        for (long id : ids) {
            chain = chain.compose(run -> escalateOne(id, now).map(outcome -> outcome
                    .map(e -> new EscalationRun(run.escalated() + 1, run.withoutLeader() + (e.withoutLeader() ? 1 : 0),
                            run.failed(), run.batchFull()))
                    .orElse(run))
                    .recover(e -> {
                        metrics.failed();
                        LOG.error("ticket {}: escalation failed (tried again next run): {}", id, e.toString());
                        return Future.succeededFuture(new EscalationRun(run.escalated(), run.withoutLeader(),
                                run.failed() + 1, run.batchFull()));
                    }));
        }
        return chain;
    }

    /** UPDATE, audit and notification in one transaction; empty when another run or node got there first. */
    private Future<Optional<Escalation>> escalateOne(long ticketId, Instant now) {
        return store.pool().withTransaction(tx -> store.escalate(tx, ticketId, now).compose(found -> {
            if (found.isEmpty()) return Future.succeededFuture(found);
            Escalation e = found.get();
            return store.audit(tx, e).compose(v -> notifications.enqueue(tx, e.notification())).map(queued -> found);
        })).onSuccess(found -> found.ifPresent(e -> {
            metrics.escalated(e);
            if (e.withoutLeader()) {
                LOG.warn("ticket {} escalated ({}, {} late) but grid {} has no enabled leader: supervisors are notified",
                        e.ticketId(), e.reason().wireName(), e.late(), e.grid());
            } else {
                LOG.info("ticket {} escalated ({}, {} late) to grid {}'s leader {}", e.ticketId(), e.reason().wireName(),
                        e.late(), e.grid(), e.leaderUsername().orElse("#" + e.leaderId().orElseThrow()));
            }
        }));
    }

    public EscalationSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
    }
}
