package org.firehub.tickets.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import org.firehub.people.Principal;
import org.firehub.runtime.InfluxSettings;
import org.firehub.tickets.Ticket;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.TransitionGuard;
import org.firehub.tickets.TransitionRequest;

/**
 * Evidence on tickets, wired in two steps because the ticket service needs the guard and the
 * photos need the ticket service: {@link #create} before {@code TicketService.create(...,
 * evidence.guard(), ...)}, then {@link #photos(TicketService)} for the routes. Close it at stop.
 */
public final class TicketEvidence implements AutoCloseable {
    private final Vertx vertx;
    private final EvidencePolicy policy;
    private final Clock clock;
    private final PgEvidenceStore store;
    private final InfluxReadings influx;
    private final EvidenceMetrics metrics;
    private final EvidenceGuard guard;
    private PhotoUploads photos;

    private TicketEvidence(Vertx vertx, Pool pool, InfluxSettings influxSettings, String retentionPolicy,
                           EvidencePolicy policy, Clock clock, MeterRegistry meters) {
        this.vertx = vertx;
        this.policy = policy;
        this.clock = clock;
        this.store = new PgEvidenceStore(pool);
        this.influx = new InfluxReadings(vertx, influxSettings);
        this.metrics = new EvidenceMetrics(meters);
        this.guard = new EvidenceGuard(policy, store, new DeviceEvidence(influx, retentionPolicy), clock, metrics);
    }

    /**
     * Reads device readings from the database's default retention policy. {@code clock}: the
     * tickets' clock (the device-evidence window ends at its now).
     */
    public static TicketEvidence create(Vertx vertx, Pool pool, InfluxSettings influxSettings, EvidencePolicy policy,
                                        Clock clock, MeterRegistry meters) {
        return new TicketEvidence(vertx, pool, influxSettings, null, policy, clock, meters);
    }

    /** As {@link #create}, reading from {@code retentionPolicy} (the one the hub writes to: FIREHUB_INFLUX_RETENTION_POLICY). */
    public static TicketEvidence create(Vertx vertx, Pool pool, InfluxSettings influxSettings, String retentionPolicy,
                                        EvidencePolicy policy, Clock clock, MeterRegistry meters) {
        return new TicketEvidence(vertx, pool, influxSettings, retentionPolicy, policy, clock, meters);
    }

    /** The guard to pass to {@code TicketService.create}: photo on submit, device readings on closure. */
    public TransitionGuard guard() {
        return guard;
    }

    /** The photo uploads and reads of {@code tickets} (created once; later calls return the same). */
    public synchronized PhotoUploads photos(TicketService tickets) {
        if (photos == null) photos = new PhotoUploads(vertx, tickets, store, policy, clock, metrics);
        return photos;
    }

    /** Guards run one after the other; the first refusal stands (for combining with other guards). */
    public static TransitionGuard allOf(List<TransitionGuard> guards) {
        List<TransitionGuard> all = List.copyOf(guards);
        return new TransitionGuard() {
            @Override
            public Future<Void> check(SqlClient tx, Ticket ticket, TransitionRequest request, Principal actor) {
                Future<Void> result = Future.succeededFuture();
                for (TransitionGuard g : all) result = result.compose(ok -> g.check(tx, ticket, request, actor));
                return result;
            }
        };
    }

    @Override
    public synchronized void close() {
        if (photos != null) photos.close();
        influx.close();
    }
}
