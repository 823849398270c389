package org.firehub.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.firehub.device.Device;
import org.firehub.device.DeviceKindCatalogue;

/**
 * The ingest path every transport shares: decode → validate → claim the seq → durable append.
 *
 * <p>Decoding and validating a body of at most 4 KiB is cheap and runs on the caller's thread
 * (an event loop). The append's completion arrives on the sink's own thread; the returned
 * future completes on the caller's Vert.x context, so a transport acknowledges the device from
 * its own event loop without any hand-over of its own.
 */
public final class DefaultIngestor implements Ingestor {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DefaultIngestor.class);
    private final Vertx vertx;
    private final PayloadDecoder decoder;
    private final MessageValidator validator;
    private final SeqTracker seqs;
    private final DurableSink sink;
    private final IngestMetrics metrics;
    private final RejectionLog rejectionLog;
    private final StoredMessageListener listener;

    public DefaultIngestor(Vertx vertx, PayloadDecoder decoder, MessageValidator validator, SeqTracker seqs,
                           DurableSink sink, IngestMetrics metrics, RejectionLog rejectionLog) {
        this(vertx, decoder, validator, seqs, sink, metrics, rejectionLog, StoredMessageListener.NONE);
    }

    public DefaultIngestor(Vertx vertx, PayloadDecoder decoder, MessageValidator validator, SeqTracker seqs,
                           DurableSink sink, IngestMetrics metrics, RejectionLog rejectionLog,
                           StoredMessageListener listener) {
        this.vertx = vertx;
        this.decoder = decoder;
        this.validator = validator;
        this.seqs = seqs;
        this.sink = sink;
        this.metrics = metrics;
        this.rejectionLog = rejectionLog;
        this.listener = listener;
    }

    /** The production wiring: default seq window and rejection-log rate. */
    public static DefaultIngestor create(Vertx vertx, DeviceKindCatalogue kinds, DurableSink sink,
                                         IngestMetrics metrics, Clock clock) {
        return create(vertx, kinds, sink, metrics, clock, StoredMessageListener.NONE);
    }

    /** The production wiring, telling {@code listener} (the rule engine) of every stored message. */
    public static DefaultIngestor create(Vertx vertx, DeviceKindCatalogue kinds, DurableSink sink,
                                         IngestMetrics metrics, Clock clock, StoredMessageListener listener) {
        return new DefaultIngestor(vertx, new PayloadDecoder(), new MessageValidator(kinds, clock), new SeqTracker(),
                sink, metrics, new RejectionLog(), listener);
    }

    @Override
    public Future<IngestResult> accept(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format) {
        long startNanos = System.nanoTime();
        Context context = vertx.getOrCreateContext();
        DeviceMessage message;
        try {
            Verdict<DeviceMessage> verdict = check(device, channel, body, format);
            if (verdict instanceof Verdict.Refused<DeviceMessage> refused) {
                return Future.succeededFuture(reject(device, transport, refused.rejection()));
            }
            message = ((Verdict.Ok<DeviceMessage>) verdict).value();
        } catch (RuntimeException e) {
            // A bug or a config mismatch, not the device's fault: fail this message, keep the hub.
            return Future.failedFuture(new IngestFailedException("device " + device.id() + ": cannot ingest message: " + e.getMessage(), e));
        }

        SeqTracker.Fresh claim = null;
        if (message.seq().isPresent()) {
            SeqTracker.Claim seqClaim = seqs.claim(device.id(), message.seq().getAsLong());
            if (seqClaim instanceof SeqTracker.Duplicate duplicate) {
                metrics.duplicate(transport);
                return Future.succeededFuture(new IngestResult.Duplicate(duplicate.seq()));
            }
            claim = (SeqTracker.Fresh) seqClaim;
            metrics.seqGap(transport, claim.gap());
        }
        return append(message, transport, claim, startNanos, context);
    }

    private Verdict<DeviceMessage> check(Device device, Channel channel, Buffer body, ContentFormat format) {
        return switch (decoder.decode(body, format)) {
            case Verdict.Refused<DecodedBody> refused -> new Verdict.Refused<>(refused.rejection());
            case Verdict.Ok<DecodedBody> ok -> validator.validate(device, channel, ok.value());
        };
    }

    private IngestResult.Rejected reject(Device device, Transport transport, IngestResult.Rejected rejection) {
        metrics.rejected(transport, rejection.reason());
        rejectionLog.rejected(transport, device.id().value(), rejection.reason(), rejection.detail());
        return rejection;
    }

    private Future<IngestResult> append(DeviceMessage message, Transport transport, SeqTracker.Fresh claim,
                                        long startNanos, Context context) {
        CompletableFuture<Void> appended;
        try {
            appended = sink.append(message);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(appended, context).transform(done -> {
            if (done.succeeded()) {
                metrics.accepted(transport);
                metrics.committed(transport, System.nanoTime() - startNanos);
                notifyStored(message);
                return Future.succeededFuture(new IngestResult.Stored(message));
            }
            if (claim != null) claim.release();
            Throwable cause = unwrap(done.cause());
            if (cause instanceof DurableSink.SinkFullException full) {
                metrics.rejected(transport, RejectReason.SPOOL_FULL);
                rejectionLog.rejected(transport, message.device().id().value(), RejectReason.SPOOL_FULL, full.getMessage());
                return Future.failedFuture(full);
            }
            return Future.failedFuture(new IngestFailedException(
                    "device " + message.device().id() + ": durable append failed: " + cause, cause));
        });
    }

    /** The message is durable whatever the listener does: a listener bug must not cost the device its ack. */
    private void notifyStored(DeviceMessage message) {
        try {
            listener.stored(message);
        } catch (RuntimeException e) {
            log.error("stored-message listener failed for device {}; message is stored and acknowledged", message.device().id(), e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
