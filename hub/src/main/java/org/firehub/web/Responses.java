package org.firehub.web;

import io.vertx.ext.web.RoutingContext;

/** Successful JSON answers. */
final class Responses {
    private Responses() {}

    /** {@code body} is a JsonObject or JsonArray. */
    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.toString());
    }

    /** For answers carrying a secret shown once (session or device tokens): no cache may keep them. */
    static void secretJson(RoutingContext ctx, int status, Object body) {
        ctx.response().putHeader("Cache-Control", "no-store");
        json(ctx, status, body);
    }
}
