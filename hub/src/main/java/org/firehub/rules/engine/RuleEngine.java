package org.firehub.rules.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.firehub.alarms.Alarm;
import org.firehub.alarms.AlarmSink;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.StoredMessageListener;
import org.firehub.registry.DeviceRegistrationListener;
import org.firehub.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine on the ingest path: told of every stored message, it evaluates the device's
 * rules and the venue's correlations and sends raise/clear decisions to the {@link AlarmSink}.
 *
 * <p><b>Threads.</b> {@link #stored} runs on a transport's event loop and only enqueues.
 * Evaluation runs on {@link EngineSettings#shards()} threads; a message goes to the shard of
 * its device's venue, so one device's messages are evaluated in the order they were stored
 * and a venue's correlation sees all its devices' alarms on one thread, without locks. (A
 * device moved to another venue is tracked afresh under its new venue; its old state is
 * dropped at the next restart.)
 *
 * <p><b>Memory.</b> The shard queues are unbounded, since the ingest path must never block or
 * drop here; they are bounded in practice by ingest itself: every message costs a spool fsync
 * (group commit) before it reaches us, devices wait for their ack, and evaluating one takes
 * microseconds against that. {@code firehub_rules_queue_depth} shows a backlog, and a depth
 * past {@link EngineSettings#queueWarnDepth()} is logged (bounded rate) as overload. State per
 * device is a few trackers; a rate-of-rise tracker keeps at most one window of samples.
 *
 * <p><b>Restart.</b> {@link #create} loads the active alarms and every registered device with
 * its stored last-seen time before it completes: active alarms are not raised again and clear
 * by the normal logic; supervision deadlines continue from the stored last-seen.
 *
 * <p><b>Hot reload.</b> Rules come from the supplier for every evaluation. When a rule
 * disappears its state is dropped, but its active alarm is not cleared: nobody decided the
 * hazard is gone, so a person closes it (or a rule with the same id comes back and clears it).
 */
public final class RuleEngine implements StoredMessageListener, DeviceRegistrationListener {
    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);
    private static final long OVERLOAD_LOG_INTERVAL_MS = 10_000;

    private final Vertx vertx;
    private final Clock clock;
    private final Supplier<RuleBook> rules;
    private final EngineSettings settings;
    private final PresenceStore presence;
    private final VenueTypes venueTypes;
    private final SinkDispatcher dispatcher;
    private final EngineMetrics metrics;
    private final EngineShard[] shards;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicLong lastOverloadLog = new AtomicLong();
    private volatile long tickTimer = -1;
    private volatile long flushTimer = -1;

    private RuleEngine(Vertx vertx, Pool pool, Supplier<RuleBook> rules, AlarmSink sink, Clock clock, MeterRegistry meters,
                       EngineSettings settings) {
        this.vertx = vertx;
        this.clock = clock;
        this.rules = rules;
        this.settings = settings;
        this.presence = new PresenceStore(pool);
        this.venueTypes = new VenueTypes(pool, Duration.ofMinutes(10));
        this.shards = new EngineShard[settings.shards()];
        this.metrics = new EngineMetrics(meters, this::queueDepth, this::sinkPending);
        this.dispatcher = new SinkDispatcher(vertx, sink, metrics, settings.sinkMinBackoff(), settings.sinkMaxBackoff());
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new EngineShard(i, rules, dispatcher, metrics, presence, venueTypes);
        }
    }

    /** A started engine with default settings (2 shards, tick every 2 s, presence saved every 5 s). */
    public static Future<RuleEngine> create(Vertx vertx, Pool pool, Supplier<RuleBook> rules, AlarmSink sink, Clock clock,
                                            MeterRegistry meters) {
        return create(vertx, pool, rules, sink, clock, meters, EngineSettings.DEFAULTS);
    }

    /**
     * Loads the active alarms and every device's presence, seeds the shards, starts the
     * supervision tick and presence flush timers, and completes with the running engine.
     */
    public static Future<RuleEngine> create(Vertx vertx, Pool pool, Supplier<RuleBook> rules, AlarmSink sink, Clock clock,
                                            MeterRegistry meters, EngineSettings settings) {
        RuleEngine engine = new RuleEngine(vertx, pool, rules, sink, clock, meters, settings);
        for (EngineShard shard : engine.shards) shard.start();
        Future<List<Alarm>> active = sink.active();
        Future<List<KnownDevice>> devices = engine.presence.loadAll();
        return Future.all(active, devices)
                .compose(both -> engine.seed(devices.result(), active.result()))
                .map(seeded -> {
                    engine.startTimers();
                    log.info("rule engine started: {} devices, {} active alarms, {} shards",
                            devices.result().size(), active.result().size(), engine.shards.length);
                    return engine;
                })
                .recover(failure -> engine.close().transform(ignored -> Future.failedFuture(
                        new IllegalStateException("rule engine could not start: " + failure.getMessage(), failure))));
    }

    /** Called on a transport's event loop after the spool commit: enqueue and return. */
    @Override
    public void stored(DeviceMessage message) {
        if (closed.get()) return;
        long startNanos = System.nanoTime();
        long arrivalMillis = clock.millis();
        EngineShard shard = shardOf(message.device().venueId());
        shard.post(() -> shard.evaluate(message, arrivalMillis, startNanos));
        int depth = shard.depth();
        if (depth > settings.queueWarnDepth()) warnOverload(depth);
    }

    /** Registration hook: a device registered after start joins supervision from its registration time. */
    @Override
    public void registered(DeviceId id) {
        registered(id.value()).onFailure(e -> log.warn("rule engine: loading registered device {} failed", id, e));
    }

    /** Loads one device (kind, venue, grid, last seen) and tracks it; completes once its shard has it. */
    public Future<Void> registered(String deviceId) {
        return presence.load(deviceId).compose(found -> {
            if (found.isEmpty()) return Future.failedFuture(new IllegalArgumentException("device " + deviceId + " is not registered"));
            KnownDevice known = found.get();
            venueTypes.prime(known.device().venueId(), known.venueType());
            EngineShard shard = shardOf(known.device().venueId());
            return Future.fromCompletionStage(shard.barrier(() -> shard.addDevice(known)));
        });
    }

    /** Supervision: raises the offline alarms that came due by the clock. Run by a timer; tests call it. */
    public Future<Void> tick() {
        long now = clock.millis();
        return onEveryShard(shard -> () -> shard.tick(now));
    }

    /** Writes the last-seen times recorded since the last flush. Run by a timer; tests call it. */
    public Future<Integer> flushPresence() {
        return presence.flush();
    }

    /** Completes once every message stored before this call has been evaluated (decisions may still be in the sink). */
    public Future<Void> processed() {
        return onEveryShard(shard -> () -> {});
    }

    /** Decisions handed to the sink and not yet confirmed by it. */
    public long sinkPending() {
        return dispatcher.pending();
    }

    /** Stops the timers, evaluates what is queued, saves presence. Decisions the sink has not confirmed yet are lost. */
    public Future<Void> close() {
        if (!closed.compareAndSet(false, true)) return Future.succeededFuture();
        if (tickTimer >= 0) vertx.cancelTimer(tickTimer);
        if (flushTimer >= 0) vertx.cancelTimer(flushTimer);
        // Joining the shard threads blocks, on purpose off the event loop.
        return vertx.<Void>executeBlocking(() -> {
                    for (EngineShard shard : shards) shard.stop();
                    return null;
                }, false)
                .compose(stopped -> presence.flush().<Void>mapEmpty().recover(e -> {
                    log.warn("rule engine: saving presence at close failed", e);
                    return Future.succeededFuture();
                }))
                .onComplete(done -> dispatcher.close());
    }

    private Future<Void> seed(List<KnownDevice> devices, List<Alarm> active) {
        Map<String, Long> venueOf = new HashMap<>(devices.size() * 2);
        for (KnownDevice known : devices) {
            venueOf.put(known.device().id().value(), known.device().venueId());
            venueTypes.prime(known.device().venueId(), known.venueType());
            EngineShard shard = shardOf(known.device().venueId());
            shard.post(() -> shard.addDevice(known));
        }
        for (Alarm alarm : active) {
            // Route by the device's venue now: it is where its state lives, even if it moved since the alarm.
            long venueId = alarm.subject().deviceId().map(id -> venueOf.getOrDefault(id, alarm.subject().venueId()))
                    .orElse(alarm.subject().venueId());
            EngineShard shard = shardOf(venueId);
            shard.post(() -> shard.seed(alarm));
        }
        long now = clock.millis();
        return onEveryShard(shard -> () -> shard.settle(now));
    }

    private void startTimers() {
        tickTimer = vertx.setPeriodic(settings.tickInterval().toMillis(), id -> tick()
                .onFailure(e -> log.error("supervision tick failed", e)));
        flushTimer = vertx.setPeriodic(settings.presenceFlushInterval().toMillis(), id -> {
            if (!flushing.compareAndSet(false, true)) return; // the previous flush is still running
            presence.flush()
                    .onFailure(e -> log.warn("rule engine: {}", e.getMessage(), e.getCause()))
                    .onComplete(done -> flushing.set(false));
        });
    }

    private Future<Void> onEveryShard(Function<EngineShard, Runnable> task) {
        List<CompletableFuture<Void>> all = new ArrayList<>(shards.length);
        for (EngineShard shard : shards) all.add(shard.barrier(task.apply(shard)));
        return Future.fromCompletionStage(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    }

    private EngineShard shardOf(long venueId) {
        return shards[Math.floorMod(Long.hashCode(venueId * 0x9E3779B97F4A7C15L), shards.length)];
    }

    private long queueDepth() {
        long depth = 0;
        for (EngineShard shard : shards) depth += shard.depth();
        return depth;
    }

    private void warnOverload(int depth) {
        long now = System.currentTimeMillis();
        long last = lastOverloadLog.get();
        if (now - last >= OVERLOAD_LOG_INTERVAL_MS && lastOverloadLog.compareAndSet(last, now)) {
            log.warn("rule engine overloaded: {} messages waiting on one shard (warn depth {})", depth, settings.queueWarnDepth());
        }
    }
}
