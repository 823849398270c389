package org.firehub.alarms.web;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.firehub.alarms.AlarmScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream. The feed hands it events from its own context; every write happens on
 * the connection's context. A client whose unsent bytes pass the limit is disconnected instead
 * of being buffered without bound; it reconnects with {@code Last-Event-ID} and catches up.
 */
final class FeedClient {
    private static final Logger LOG = LoggerFactory.getLogger(FeedClient.class);
    private static final String HEARTBEAT = ": heartbeat\n\n";

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final AlarmScope scope;
    private final String who;
    private final Supplier<Future<?>> stillSignedIn;
    private final Counter slowDisconnects;
    private long heartbeatTimer = -1;
    private boolean closed;
    private Consumer<FeedClient> onClosed = c -> { };

    /** Call on the connection's context (the request handler's). */
    FeedClient(Vertx vertx, HttpServerResponse response, AlarmScope scope, String who, Supplier<Future<?>> stillSignedIn,
               Counter slowDisconnects) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.scope = scope;
        this.who = who;
        this.stillSignedIn = stillSignedIn;
        this.slowDisconnects = slowDisconnects;
    }

    /** Sends the head and the reconnect delay, and starts the heartbeat; on the connection's context. */
    void open(FeedSettings settings, Consumer<FeedClient> onClosed) {
        this.onClosed = onClosed;
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                // nginx and similar proxies buffer responses unless told not to.
                .putHeader("X-Accel-Buffering", "no");
        response.setWriteQueueMaxSize(settings.maxQueuedBytes());
        response.closeHandler(v -> closed("closed by the client"));
        response.exceptionHandler(e -> closed("failed: " + e));
        response.write("retry: 3000\n: connected\n\n");
        heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> heartbeat());
    }

    /** From the feed's context: replayed events (already in scope order), then the position marker. */
    void start(List<FeedEvent> replay, String positionFrame) {
        context.runOnContext(v -> {
            for (FeedEvent event : replay) {
                if (scope.permits(event.alarm())) write(event.frame());
            }
            write(positionFrame);
        });
    }

    /** From the feed's context. */
    void deliver(FeedEvent event) {
        if (!scope.permits(event.alarm())) return;
        context.runOnContext(v -> write(event.frame()));
    }

    private void heartbeat() {
        stillSignedIn.get().onComplete(signedIn -> context.runOnContext(v -> {
            if (signedIn.succeeded()) {
                write(HEARTBEAT);
            } else if (!closed) {
                closed("session ended");
                response.end();
            }
        }));
    }

    private void write(String frame) {
        if (closed) return;
        if (response.writeQueueFull()) {
            slowDisconnects.increment();
            LOG.info("live feed client {} is too slow (over its write queue); disconnecting it", who);
            closed("too slow");
            response.reset();
            return;
        }
        try {
            response.write(frame).onFailure(e -> closed("write failed: " + e.getMessage()));
        } catch (IllegalStateException e) {
            // the connection closed between the check and the write; its close handler may not have run yet
            closed("closed while writing");
        }
    }

    /** Ends the stream from the hub's side (shutdown). */
    void end() {
        context.runOnContext(v -> {
            if (closed) return;
            closed("hub shutting down");
            response.end();
        });
    }

    private void closed(String why) {
        if (closed) return;
        closed = true;
        if (heartbeatTimer >= 0) vertx.cancelTimer(heartbeatTimer);
        LOG.debug("live feed client {} {}", who, why);
        onClosed.accept(this);
    }
}
