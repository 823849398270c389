package org.firehub.ingest.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.firehub.ingest.RejectReason;

/**
 * The JSON answers of the HTTP ingest and carrier endpoints: {@code {"status": …}} for success,
 * {@code {"error", "reason"}} for a refusal, where {@code reason} is a {@link RejectReason} label
 * (or a transport-level word such as {@code unsupported_media_type}). Never carries stack traces
 * or internal detail on a 5xx.
 */
public final class HttpAnswer {
    private HttpAnswer() {}

    public static Future<Void> status(RoutingContext ctx, int code, String status) {
        return json(ctx, code, new JsonObject().put("status", status));
    }

    public static Future<Void> refuse(RoutingContext ctx, int code, String reason, String error) {
        return json(ctx, code, new JsonObject().put("error", error).put("reason", reason));
    }

    public static Future<Void> refuse(RoutingContext ctx, int code, RejectReason reason, String error) {
        return refuse(ctx, code, reason.label(), error);
    }

    /** 503 with a whole-second Retry-After (at least 1 s): HTTP has no finer unit. */
    public static Future<Void> retryLater(RoutingContext ctx, long retryAfterMillis, String reason, String error) {
        long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return refuse(ctx, 503, reason, error);
    }

    public static Future<Void> json(RoutingContext ctx, int code, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) return Future.succeededFuture();
        return ctx.response().setStatusCode(code)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
