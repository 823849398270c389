package org.firehub.sim;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One device at run time, living on one Vert.x context: connects (jittered), sends a message
 * every interval (±10 % jitter; faster while in an incident), counts acks and errors, and
 * reconnects with exponential backoff (1 s doubling to 60 s, full jitter) when its link drops.
 */
final class SimulatedDevice {
    private static final long BACKOFF_BASE_MS = 1_000, BACKOFF_CAP_MS = 60_000;
    private static final long INCIDENT_INTERVAL_MS = 2_000;

    private final Vertx vertx;
    private final Context context;
    private final Supplier<Link> links;
    private final DeviceBehaviour behaviour;
    private final SimStats stats;
    private final RandomGenerator random;
    private final long intervalMs;
    private Link link;
    private boolean running;
    private boolean sending = true;
    private boolean connected;
    private int failedAttempts;
    private long tickTimer = -1;

    SimulatedDevice(Vertx vertx, Context context, Supplier<Link> links, DeviceBehaviour behaviour, SimStats stats,
                    RandomGenerator random, Duration interval) {
        this.vertx = vertx;
        this.context = context;
        this.links = links;
        this.behaviour = behaviour;
        this.stats = stats;
        this.random = random;
        this.intervalMs = behaviour.involvedInIncident() ? Math.min(interval.toMillis(), INCIDENT_INTERVAL_MS) : interval.toMillis();
    }

    /** Starts after {@code delayMs} (the jittered start that avoids a thundering herd). */
    void start(long delayMs) {
        context.runOnContext(v -> {
            running = true;
            link = links.get();
            link.onDrop(() -> onContext(this::dropped));
            vertx.setTimer(Math.max(1, delayMs), t -> connect());
        });
    }

    private void connect() {
        if (!running) return;
        link.connect().onComplete(ar -> onContext(() -> connected(ar)));
    }

    private void connected(AsyncResult<Void> result) {
        if (!running) return;
        if (result.failed()) {
            stats.error("connect: " + Link.errorKind(result.cause()));
            retryLater();
            return;
        }
        connected = true;
        failedAttempts = 0;
        stats.connected.incrementAndGet();
        stats.connects.increment();
        if (tickTimer < 0) tick();
    }

    private void dropped() {
        if (!connected) return;
        connected = false;
        stats.connected.decrementAndGet();
        if (running) retryLater();
    }

    private void retryLater() {
        long ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << Math.min(failedAttempts, 16));
        failedAttempts++;
        vertx.setTimer(1 + (long) (random.nextDouble() * ceiling), t -> connect());
    }

    /** A reconnect storm: drop now and come straight back, no backoff, no jitter. */
    void dropAndReconnectAtOnce() {
        context.runOnContext(v -> {
            if (!running || !connected) return;
            link.onDrop(() -> { });
            link.drop();
            connected = false;
            stats.connected.decrementAndGet();
            link = links.get();
            link.onDrop(() -> onContext(this::dropped));
            connect();
        });
    }

    private void tick() {
        if (!running || !sending) return;
        long jittered = (long) (intervalMs * (0.9 + 0.2 * random.nextDouble()));
        tickTimer = vertx.setTimer(Math.max(1, jittered), t -> tick());
        DeviceBehaviour.Outgoing out = behaviour.next(System.currentTimeMillis());
        if (out == null) return;
        if (!link.connected()) {
            stats.error("send while disconnected");
            return;
        }
        long sentAt = System.nanoTime();
        stats.sent.increment();
        stats.inFlight.incrementAndGet();
        if (out.malformed()) stats.malformedSent.increment();
        link.send(out.channel(), out.body()).onComplete(ar -> onContext(() -> {
            stats.inFlight.decrementAndGet();
            if (ar.succeeded()) stats.ack(sentAt);
            else if (!running) stats.unfinished.increment(); // cut off by the run's own end, not the hub's fault
            else stats.error((out.malformed() ? "malformed: " : "send: ") + Link.errorKind(ar.cause()));
        }));
    }

    /** Sends nothing more; what is in flight may still be acknowledged before {@link #stop}. */
    Future<Void> stopSending() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            if (tickTimer >= 0) vertx.cancelTimer(tickTimer);
            tickTimer = -1;
            sending = false;
            done.complete();
        });
        return done.future();
    }

    Future<Void> stop() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            running = false;
            if (tickTimer >= 0) vertx.cancelTimer(tickTimer);
            if (connected) stats.connected.decrementAndGet();
            connected = false;
            (link == null ? Future.<Void>succeededFuture() : link.close()).onComplete(ar -> done.complete());
        });
        return done.future();
    }

    /** Completions from Paho or Californium threads come back to this device's context. */
    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) action.run();
        else context.runOnContext(v -> action.run());
    }
}
