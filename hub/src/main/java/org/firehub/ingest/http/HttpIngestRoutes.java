package org.firehub.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.firehub.auth.DeviceAuthException;
import org.firehub.auth.DeviceAuthenticator;
import org.firehub.device.Device;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP device endpoint of the wire contract: {@code POST /api/v1/devices/{deviceId}/telemetry}
 * and {@code /events}, {@code Authorization: Bearer {deviceToken}}, JSON or CBOR body.
 *
 * <p>One chain per request: token present → content type known → device authenticated for the
 * <em>path's</em> id → ingestor → answer. The 202 is written from the ingestor's future, i.e.
 * after the spool's fsync. Because the token is checked against the path's device, a token of
 * another device is simply a wrong token: 401, never 403 (a 403 would tell a caller that the
 * token is valid somewhere).
 *
 * <p>Statuses: 202 {@code stored|duplicate}; 400 rejected body (reason = {@link RejectReason}
 * label); 401 missing/bad token (WWW-Authenticate: Bearer); 413 over 4 KiB; 415 other content
 * types; 503 + Retry-After when the spool is full or the registry cannot be asked; 500 otherwise.
 */
public final class HttpIngestRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestRoutes.class);
    /** The contract's limit is 4 KiB, enforced by the ingestor (TOO_LARGE); the body handler stops far larger bodies early. */
    static final long BODY_HANDLER_LIMIT = 4096 + 1024;
    private static final long REGISTRY_RETRY_MILLIS = 5_000;

    private final DeviceAuthenticator authenticator;
    private final Ingestor ingestor;
    private final IngestMetrics metrics;
    private final RecentHttpDevices recent;

    private HttpIngestRoutes(DeviceAuthenticator authenticator, Ingestor ingestor, IngestMetrics metrics,
                             RecentHttpDevices recent) {
        this.authenticator = authenticator;
        this.ingestor = ingestor;
        this.metrics = metrics;
        this.recent = recent;
    }

    /**
     * Mounts both device endpoints on {@code router} and registers
     * {@code firehub_connected_devices{transport="http"}} in {@code meters}. Handlers run on the
     * server's event loops and never block.
     */
    public static void mount(Router router, DeviceAuthenticator authenticator, Ingestor ingestor, IngestMetrics metrics,
                             MeterRegistry meters) {
        HttpIngestRoutes routes = new HttpIngestRoutes(authenticator, ingestor, metrics, new RecentHttpDevices(meters));
        for (Channel channel : Channel.values()) {
            String path = "/api/v1/devices/:deviceId/" + (channel == Channel.TELEMETRY ? "telemetry" : "events");
            router.post(path)
                    .handler(BodyHandler.create(false).setBodyLimit(BODY_HANDLER_LIMIT))
                    .handler(ctx -> routes.handle(ctx, channel))
                    .failureHandler(routes::failed);
        }
    }

    private void handle(RoutingContext ctx, Channel channel) {
        Optional<String> token = BearerToken.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            unauthorized(ctx, "missing bearer token");
            return;
        }
        Optional<ContentFormat> format = MediaTypes.formatOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (format.isEmpty()) {
            metrics.rejected(Transport.HTTP, RejectReason.MALFORMED);
            HttpAnswer.refuse(ctx, 415, "unsupported_media_type", "Content-Type must be application/json or application/cbor");
            return;
        }
        String deviceId = ctx.pathParam("deviceId");
        authenticator.authenticate(deviceId, token.get()).onComplete(auth -> {
            if (auth.succeeded()) {
                ingest(ctx, auth.result(), channel, format.get());
            } else {
                authFailed(ctx, deviceId, auth.cause());
            }
        });
    }

    private void ingest(RoutingContext ctx, Device device, Channel channel, ContentFormat format) {
        // an empty body has no buffer at all: the ingestor must still see it (and refuse it as malformed)
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        ingestor.accept(device, Transport.HTTP, channel, body, format)
                .onComplete(result -> answer(ctx, device, result));
    }

    private void answer(RoutingContext ctx, Device device, AsyncResult<IngestResult> result) {
        if (result.succeeded()) {
            switch (result.result()) {
                case IngestResult.Stored stored -> {
                    recent.heard(device.id());
                    HttpAnswer.status(ctx, 202, "stored");
                }
                case IngestResult.Duplicate duplicate -> {
                    recent.heard(device.id());
                    HttpAnswer.status(ctx, 202, "duplicate");
                }
                case IngestResult.Rejected rejected -> HttpAnswer.refuse(ctx,
                        rejected.reason() == RejectReason.TOO_LARGE ? 413 : 400, rejected.reason(), rejected.detail());
            }
        } else if (result.cause() instanceof SinkFullException full) {
            // counted as spool_full by the ingestor itself
            HttpAnswer.retryLater(ctx, full.retryAfterMillis(), RejectReason.SPOOL_FULL.label(), "spool full, retry later");
        } else {
            LOG.warn("device {}: HTTP ingest failed, not acknowledged: {}", device.id(), String.valueOf(result.cause()));
            HttpAnswer.refuse(ctx, 500, "internal", "the hub could not store the message");
        }
    }

    private void authFailed(RoutingContext ctx, String deviceId, Throwable cause) {
        if (cause instanceof DeviceAuthException auth && auth.reason().isCredentialFault()) {
            unauthorized(ctx, "bad device id or token");
        } else {
            LOG.warn("device {}: cannot authenticate over HTTP: {}", DeviceIdText.safe(deviceId), String.valueOf(cause));
            HttpAnswer.retryLater(ctx, REGISTRY_RETRY_MILLIS, "unavailable", "device registry unavailable, retry later");
        }
    }

    private void unauthorized(RoutingContext ctx, String error) {
        metrics.rejected(Transport.HTTP, RejectReason.UNAUTHORIZED);
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"firehub\"");
        HttpAnswer.refuse(ctx, 401, RejectReason.UNAUTHORIZED, error);
    }

    /** The body handler fails the route with 413 for an oversize body; anything else is a bug. */
    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            metrics.rejected(Transport.HTTP, RejectReason.TOO_LARGE);
            HttpAnswer.refuse(ctx, 413, RejectReason.TOO_LARGE, "body larger than 4 KiB");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            metrics.rejected(Transport.HTTP, RejectReason.MALFORMED);
            HttpAnswer.refuse(ctx, ctx.statusCode(), RejectReason.MALFORMED, "bad request");
        } else {
            LOG.warn("HTTP ingest handler failed: {}", String.valueOf(ctx.failure()));
            HttpAnswer.refuse(ctx, 500, "internal", "the hub could not store the message");
        }
    }
}
