package org.firehub.ingest.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.firehub.ingest.bridge.BridgeMetrics.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one bridged message, as a chain of small steps: map the topic to a device and
 * channel, check the device is registered, hand the body to the ingestor, and let the message
 * be acknowledged once the ingestor says it is durable, or will never be (a refusal the broker
 * cannot fix by redelivering). Anything transient (a full spool, a failed store, an unreachable
 * device directory) keeps the message unacknowledged and offers it again later, for as long as
 * the connection lasts: a bridge never drops. Runs on the bridge's context.
 */
final class BridgedMessages {
    private static final Logger LOG = LoggerFactory.getLogger(BridgedMessages.class);
    private static final long MAX_ERROR_RETRY_MILLIS = 5_000;

    /** A message as Paho handed it over, tagged with the connection it came on. */
    record Arrival(long connection, String topic, byte[] payload, int messageId, int qos) {}

    /** What the bridge does once a message is settled: acknowledge it (in order) unless the connection is gone. */
    @FunctionalInterface
    interface Settler {
        void settled(Arrival arrival);
    }

    private final Vertx vertx;
    private final Context context;
    private final BridgeConfig config;
    private final BridgedDevices devices;
    private final Ingestor ingestor;
    private final IngestMetrics ingestMetrics;
    private final BridgeMetrics metrics;
    private final ThrottledWarnings warnings;

    BridgedMessages(Vertx vertx, Context context, BridgeConfig config, BridgedDevices devices, Ingestor ingestor,
                    IngestMetrics ingestMetrics, BridgeMetrics metrics) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.devices = devices;
        this.ingestor = ingestor;
        this.ingestMetrics = ingestMetrics;
        this.metrics = metrics;
        this.warnings = new ThrottledWarnings(LOG, 10_000);
    }

    /**
     * Processes one message; {@code settle} is called once when it may be acknowledged, never if
     * {@code current} turns false first (the connection it came on is gone: the broker redelivers).
     */
    void process(Arrival arrival, BooleanSupplier current, Settler settle) {
        Optional<BridgeConfig.Mapped> mapped = config.map(arrival.topic());
        if (mapped.isEmpty() || !DeviceId.isValid(mapped.get().rawDeviceId())) {
            refuse(arrival, Outcome.BAD_TOPIC, RejectReason.BAD_TOPIC, "topic names no device: " + arrival.topic());
            settle.settled(arrival);
            return;
        }
        lookUpAndStore(arrival, mapped.get(), new DeviceId(mapped.get().rawDeviceId()), current, settle, 0);
    }

    private void lookUpAndStore(Arrival arrival, BridgeConfig.Mapped mapped, DeviceId id, BooleanSupplier current,
                                Settler settle, int failures) {
        devices.find(id).onComplete(found -> onContext(() -> {
            if (!current.getAsBoolean()) return;
            if (found.failed()) {
                retryLater(arrival, mapped, id, current, settle, failures, "device lookup failed: " + found.cause());
            } else if (found.result().isEmpty()) {
                refuse(arrival, Outcome.UNKNOWN_DEVICE, RejectReason.UNAUTHORIZED, "unregistered device " + id);
                settle.settled(arrival);
            } else {
                store(arrival, mapped, found.result().get(), current, settle, failures);
            }
        }));
    }

    private void store(Arrival arrival, BridgeConfig.Mapped mapped, Device device, BooleanSupplier current,
                       Settler settle, int failures) {
        Buffer body = Buffer.buffer(arrival.payload());
        ingestor.accept(device, Transport.BRIDGE, mapped.mapping().channel(), body, ContentFormat.sniff(body))
                .onComplete(result -> onContext(() -> settleStore(result, arrival, mapped, device, current, settle, failures)));
    }

    private void settleStore(AsyncResult<IngestResult> result, Arrival arrival, BridgeConfig.Mapped mapped, Device device,
                             BooleanSupplier current, Settler settle, int failures) {
        if (!current.getAsBoolean()) return;
        if (result.succeeded()) {
            metrics.outcome(switch (result.result()) {
                case IngestResult.Stored stored -> Outcome.STORED;
                case IngestResult.Duplicate duplicate -> Outcome.DUPLICATE;
                case IngestResult.Rejected rejected -> Outcome.REJECTED; // counted by reason in the ingest path
            });
            settle.settled(arrival);
        } else if (result.cause() instanceof SinkFullException full) {
            metrics.retried(true);
            long delay = Math.max(1, full.retryAfterMillis());
            vertx.setTimer(delay, timer -> onContext(() -> {
                if (current.getAsBoolean()) store(arrival, mapped, device, current, settle, failures);
            }));
        } else {
            retryLater(arrival, mapped, device.id(), current, settle, failures, "store failed: " + result.cause());
        }
    }

    /** Exponential retry, 100 ms doubling to 5 s: a sick disk or database must not be hammered. */
    private void retryLater(Arrival arrival, BridgeConfig.Mapped mapped, DeviceId id, BooleanSupplier current,
                            Settler settle, int failures, String why) {
        metrics.retried(false);
        warnings.warn("bridge " + config.name() + ": " + why + "; message on " + arrival.topic() + " kept unacknowledged, retrying");
        long delay = Math.min(MAX_ERROR_RETRY_MILLIS, 100L << Math.min(failures, 10));
        vertx.setTimer(delay, timer -> onContext(() -> {
            if (current.getAsBoolean()) lookUpAndStore(arrival, mapped, id, current, settle, failures + 1);
        }));
    }

    private void refuse(Arrival arrival, Outcome outcome, RejectReason reason, String detail) {
        metrics.outcome(outcome);
        ingestMetrics.rejected(Transport.BRIDGE, reason);
        warnings.warn("bridge " + config.name() + ": message refused and acknowledged (" + outcome.label() + "): " + detail);
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
