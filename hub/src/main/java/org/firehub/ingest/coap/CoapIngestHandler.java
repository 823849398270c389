package org.firehub.ingest.coap;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import java.security.Principal;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.firehub.auth.DeviceAuthException;
import org.firehub.auth.DeviceAuthenticator;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CoAP request path as one chain of small steps: check the path, the size and the format
 * (on Californium's thread: cheap, no I/O), then on a Vert.x context identify the device
 * (DTLS: the PSK identity; plain: {@code ?token=}), hand the body to the ingestor and answer
 * from its future: 2.04 only once the message is durable. Californium's thread never waits.
 *
 * <p>Each device's requests go to the same event-loop context (chosen by its id), so its
 * messages reach the ingestor in arrival order and the contexts share the load.
 */
final class CoapIngestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CoapIngestHandler.class);
    private static final int JSON = MediaTypeRegistry.APPLICATION_JSON;
    private static final int CBOR = MediaTypeRegistry.APPLICATION_CBOR;
    private static final long AUTH_RETRY_MILLIS = 5_000;

    private final Vertx vertx;
    private final Context[] contexts;
    private final CoapSettings settings;
    private final DeviceAuthenticator authenticator;
    private final PskDeviceCache pskDevices;
    private final Ingestor ingestor;
    private final CoapMetrics metrics;

    CoapIngestHandler(Vertx vertx, CoapSettings settings, DeviceAuthenticator authenticator, PskDeviceCache pskDevices,
                      Ingestor ingestor, CoapMetrics metrics) {
        this.vertx = vertx;
        this.settings = settings;
        this.authenticator = authenticator;
        this.pskDevices = pskDevices;
        this.ingestor = ingestor;
        this.metrics = metrics;
        // Fresh event-loop contexts, whatever thread builds the handler: Californium's threads
        // have none, and the caller's (if on an event loop) would put all CoAP work on one loop.
        int count = Math.max(1, 2 * Runtime.getRuntime().availableProcessors());
        this.contexts = new Context[count];
        for (int i = 0; i < count; i++) contexts[i] = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** On a Californium thread. */
    void handle(CoapExchange exchange, Channel channel) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        if (path.size() != 2 || !DeviceId.isValid(path.get(1))) {
            refuse(exchange, ResponseCode.NOT_FOUND, RejectReason.BAD_TOPIC, "POST /telemetry/{deviceId} or /events/{deviceId}");
            return;
        }
        DeviceId deviceId = new DeviceId(path.get(1));
        byte[] payload = exchange.getRequestPayload();
        if (payload.length > settings.maxBodyBytes()) {
            refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, RejectReason.TOO_LARGE,
                    payload.length + " bytes, at most " + settings.maxBodyBytes());
            return;
        }
        Buffer body = Buffer.buffer(payload);
        ContentFormat format;
        if (!exchange.getRequestOptions().hasContentFormat()) {
            format = ContentFormat.sniff(body);
        } else if (exchange.getRequestOptions().getContentFormat() == JSON) {
            format = ContentFormat.JSON;
        } else if (exchange.getRequestOptions().getContentFormat() == CBOR) {
            format = ContentFormat.CBOR;
        } else {
            refuse(exchange, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, RejectReason.MALFORMED,
                    "Content-Format must be 50 (JSON) or 60 (CBOR)");
            return;
        }
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        if (peer instanceof PreSharedKeyIdentity psk && !deviceId.value().equals(psk.getIdentity())) {
            refuse(exchange, ResponseCode.FORBIDDEN, RejectReason.FORBIDDEN,
                    "DTLS identity '" + psk.getIdentity() + "' may not send for device " + deviceId);
            return;
        }
        String token = peer == null ? tokenOf(exchange) : null;
        contextOf(deviceId).runOnContext(ignored -> ingest(exchange, deviceId, peer != null, token, channel, body, format));
    }

    /** On the device's context. */
    private void ingest(CoapExchange exchange, DeviceId deviceId, boolean dtls, String token, Channel channel,
                        Buffer body, ContentFormat format) {
        PendingAnswer pending = new PendingAnswer(exchange);
        long acceptAfter = settings.acceptAfter().toMillis();
        long timer = exchange.advanced().getRequest().isConfirmable()
                ? vertx.setTimer(Math.max(1, acceptAfter), t -> pending.acceptIfUnanswered()) : -1;
        identify(deviceId, dtls, token)
                .compose(device -> ingestor.accept(device, Transport.COAP, channel, body, format)
                        .onComplete(result -> {
                            if (result.succeeded() && !(result.result() instanceof IngestResult.Rejected)) metrics.heard(deviceId);
                        }))
                .onComplete(result -> {
                    if (timer >= 0) vertx.cancelTimer(timer);
                    pending.answer(answerFor(deviceId, result));
                });
    }

    private Future<Device> identify(DeviceId deviceId, boolean dtls, String token) {
        if (!dtls) return authenticator.authenticate(deviceId.value(), token);
        // The handshake proved the key; the session's identity is this device (checked above).
        return Future.fromCompletionStage(pskDevices.find(deviceId), vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.UNAVAILABLE,
                        "device " + deviceId + ": cannot look the device up: " + e.getMessage(), e)))
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get().device())
                        : Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.UNKNOWN_DEVICE,
                                "device " + deviceId + " is no longer registered")));
    }

    private Response answerFor(DeviceId deviceId, AsyncResult<IngestResult> result) {
        if (result.succeeded()) {
            return switch (result.result()) {
                case IngestResult.Stored stored -> CoapAnswers.changed();
                case IngestResult.Duplicate duplicate -> CoapAnswers.changed();
                case IngestResult.Rejected rejected ->
                        CoapAnswers.refused(ResponseCode.BAD_REQUEST, rejected.reason(), rejected.detail());
            };
        }
        return switch (result.cause()) {
            case DeviceAuthException auth when auth.reason().isCredentialFault() -> {
                metrics.refused(RejectReason.UNAUTHORIZED);
                yield CoapAnswers.refused(ResponseCode.UNAUTHORIZED, RejectReason.UNAUTHORIZED, authText(auth));
            }
            case DeviceAuthException auth -> {
                LOG.warn("device {}: cannot authenticate: {}", deviceId, auth.getMessage());
                yield CoapAnswers.unavailable(AUTH_RETRY_MILLIS, "cannot check credentials now, retry later");
            }
            // Counted as spool_full by the ingestor itself.
            case SinkFullException full -> CoapAnswers.unavailable(full.retryAfterMillis(), "spool full, retry later");
            default -> {
                LOG.warn("device {}: ingest failed, not acknowledged: {}", deviceId, String.valueOf(result.cause()));
                yield CoapAnswers.withText(ResponseCode.INTERNAL_SERVER_ERROR, "hub could not store the message");
            }
        };
    }

    /** Says which credential is missing; never whether a device id exists. */
    private static String authText(DeviceAuthException auth) {
        return auth.reason() == DeviceAuthException.Reason.MISSING_CREDENTIALS ? "token=… query parameter required"
                : "bad device id or token";
    }

    private void refuse(CoapExchange exchange, ResponseCode code, RejectReason reason, String detail) {
        metrics.refused(reason);
        exchange.respond(CoapAnswers.refused(code, reason, detail));
    }

    private Context contextOf(DeviceId id) {
        return contexts[Math.floorMod(id.value().hashCode(), contexts.length)];
    }

    private static String tokenOf(CoapExchange exchange) {
        for (String query : exchange.getRequestOptions().getUriQuery()) {
            if (query.startsWith("token=")) return query.substring("token=".length());
        }
        return null;
    }

    /**
     * One request's answer, sent once. A CON request still unanswered after
     * {@link CoapSettings#acceptAfter()} gets an empty ACK so the device stops retransmitting;
     * the answer then follows as a separate response. Touched only on the device's context.
     */
    private static final class PendingAnswer {
        private final CoapExchange exchange;
        private boolean answered;

        PendingAnswer(CoapExchange exchange) {
            this.exchange = exchange;
        }

        void acceptIfUnanswered() {
            if (!answered) exchange.accept();
        }

        void answer(Response response) {
            if (answered) return;
            answered = true;
            exchange.respond(response);
        }
    }
}
