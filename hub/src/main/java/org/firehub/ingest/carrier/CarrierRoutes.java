package org.firehub.ingest.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.firehub.auth.CredentialsLookup;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.firehub.ingest.http.HttpAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks of the carrier platforms that push for NB-IoT devices:
 * <ul>
 *   <li>{@code POST /api/v1/carriers/ctwing/{subscription}?token={secret}}: CTWing / AEP
 *       subscription push. CTWing's HTTP push carries no signature of its own, so the
 *       subscription's secret is part of the push URL configured in CTWing (query {@code token},
 *       or header {@code X-Firehub-Carrier-Token} where a proxy adds it), compared in constant time;</li>
 *   <li>{@code GET /api/v1/carriers/onenet/{subscription}?msg=&nonce=&signature=}: OneNET's URL
 *       verification, answered with {@code msg} when the signature matches the token;</li>
 *   <li>{@code POST /api/v1/carriers/onenet/{subscription}}: OneNET push, {@code msg_signature} checked.</li>
 * </ul>
 * Answers: 200 once every message of the push is durable (or deliberately not stored: unknown
 * device, nothing mapped, rejected by validation: retrying those would not help, and both
 * platforms throttle or drop a webhook that keeps failing, which would stall every other
 * device); 401 bad secret/signature; 404 unknown subscription; 400 not the platform's format;
 * 413 body over 64 KiB; 503 + Retry-After when the spool is full; 500 when the hub could not
 * store (the platform retries). Refusals are counted with {@link Transport#CARRIER}.
 */
public final class CarrierRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierRoutes.class);
    /** A batched OneNET push holds many messages; each becomes one ≤ 4 KiB ingest body. */
    static final long BODY_LIMIT = 64 * 1024;
    static final String TOKEN_HEADER = "X-Firehub-Carrier-Token";

    private final CarrierConfig config;
    private final CarrierDelivery delivery;
    private final IngestMetrics ingestMetrics;

    private CarrierRoutes(CarrierConfig config, CarrierDelivery delivery, IngestMetrics ingestMetrics) {
        this.config = config;
        this.delivery = delivery;
        this.ingestMetrics = ingestMetrics;
    }

    /** Mounts the carrier webhooks on {@code router}; handlers never block. */
    public static void mount(Router router, Vertx vertx, CarrierConfig config, CredentialsLookup devices,
                             Ingestor ingestor, IngestMetrics ingestMetrics, MeterRegistry registry) {
        CarrierRoutes routes = new CarrierRoutes(config,
                new CarrierDelivery(vertx, devices, ingestor, new CarrierMetrics(registry)), ingestMetrics);
        router.post("/api/v1/carriers/ctwing/:subscription")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(routes::ctwing).failureHandler(routes::failed);
        router.get("/api/v1/carriers/onenet/:subscription").handler(routes::onenetVerify).failureHandler(routes::failed);
        router.post("/api/v1/carriers/onenet/:subscription")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(routes::onenet).failureHandler(routes::failed);
    }

    private void ctwing(RoutingContext ctx) {
        Optional<Subscription> subscription = subscription(ctx, CarrierPlatform.CTWING);
        if (subscription.isEmpty()) return;
        String presented = Optional.ofNullable(ctx.request().getHeader(TOKEN_HEADER)).orElse(ctx.queryParams().get("token"));
        if (!subscription.get().secretMatches(presented)) {
            unauthorized(ctx, subscription.get(), "bad or missing subscription token");
            return;
        }
        List<CarrierMessage> messages;
        try {
            messages = CtwingPush.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (MalformedPush e) {
            malformed(ctx, subscription.get(), e.getMessage());
            return;
        }
        deliverAll(ctx, subscription.get(), messages);
    }

    private void onenetVerify(RoutingContext ctx) {
        Optional<Subscription> subscription = subscription(ctx, CarrierPlatform.ONENET);
        if (subscription.isEmpty()) return;
        String msg = ctx.queryParams().get("msg");
        if (!OneNetSignature.matches(subscription.get().secret(), ctx.queryParams().get("nonce"), msg,
                ctx.queryParams().get("signature"))) {
            unauthorized(ctx, subscription.get(), "URL verification signature does not match the token");
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(msg);
    }

    private void onenet(RoutingContext ctx) {
        Optional<Subscription> subscription = subscription(ctx, CarrierPlatform.ONENET);
        if (subscription.isEmpty()) return;
        List<CarrierMessage> messages;
        try {
            OneNetPush push = OneNetPush.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            if (!push.signedWith(subscription.get().secret())) {
                unauthorized(ctx, subscription.get(), "msg_signature does not match the token");
                return;
            }
            messages = push.messages();
        } catch (MalformedPush e) {
            malformed(ctx, subscription.get(), e.getMessage());
            return;
        }
        deliverAll(ctx, subscription.get(), messages);
    }

    private void deliverAll(RoutingContext ctx, Subscription subscription, List<CarrierMessage> messages) {
        List<Future<CarrierDelivery.Outcome>> outcomes = new ArrayList<>(messages.size());
        for (CarrierMessage message : messages) {
            Future<CarrierDelivery.Outcome> outcome;
            try {
                outcome = delivery.deliver(subscription, message);
            } catch (RuntimeException e) {
                outcome = Future.failedFuture(e);
            }
            outcomes.add(outcome);
        }
        Future.join(outcomes).onComplete(all -> {
            for (Future<CarrierDelivery.Outcome> outcome : outcomes) {
                if (outcome.failed() && outcome.cause() instanceof SinkFullException full) {
                    HttpAnswer.retryLater(ctx, full.retryAfterMillis(), RejectReason.SPOOL_FULL.label(), "spool full, retry later");
                    return;
                }
            }
            for (Future<CarrierDelivery.Outcome> outcome : outcomes) {
                if (outcome.failed()) {
                    LOG.warn("{}: push not stored, the platform will retry: {}", subscription, String.valueOf(outcome.cause()));
                    HttpAnswer.refuse(ctx, 500, "internal", "the hub could not store the push");
                    return;
                }
            }
            JsonObject summary = new JsonObject().put("status", "ok");
            for (CarrierDelivery.Outcome kind : CarrierDelivery.Outcome.values()) {
                long n = outcomes.stream().filter(o -> o.result() == kind).count();
                if (n > 0) summary.put(kind.name().toLowerCase(Locale.ROOT), n);
            }
            HttpAnswer.json(ctx, 200, summary);
        });
    }

    private Optional<Subscription> subscription(RoutingContext ctx, CarrierPlatform platform) {
        Optional<Subscription> found = config.find(platform, ctx.pathParam("subscription"));
        if (found.isEmpty()) {
            ingestMetrics.rejected(Transport.CARRIER, RejectReason.BAD_TOPIC);
            HttpAnswer.refuse(ctx, 404, RejectReason.BAD_TOPIC, "no such " + platform.label() + " subscription");
        }
        return found;
    }

    private void unauthorized(RoutingContext ctx, Subscription subscription, String why) {
        ingestMetrics.rejected(Transport.CARRIER, RejectReason.UNAUTHORIZED);
        LOG.debug("{}: push refused from {}: {}", subscription, ctx.request().remoteAddress(), why);
        HttpAnswer.refuse(ctx, 401, RejectReason.UNAUTHORIZED, why);
    }

    private void malformed(RoutingContext ctx, Subscription subscription, String why) {
        ingestMetrics.rejected(Transport.CARRIER, RejectReason.MALFORMED);
        LOG.debug("{}: malformed push: {}", subscription, why);
        HttpAnswer.refuse(ctx, 400, RejectReason.MALFORMED, "not a " + subscription.platform().label() + " push: " + why);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            ingestMetrics.rejected(Transport.CARRIER, RejectReason.TOO_LARGE);
            HttpAnswer.refuse(ctx, 413, RejectReason.TOO_LARGE, "push larger than 64 KiB");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            ingestMetrics.rejected(Transport.CARRIER, RejectReason.MALFORMED);
            HttpAnswer.refuse(ctx, ctx.statusCode(), RejectReason.MALFORMED, "bad request");
        } else {
            LOG.warn("carrier webhook failed: {}", String.valueOf(ctx.failure()));
            HttpAnswer.refuse(ctx, 500, "internal", "the hub could not store the push");
        }
    }
}
