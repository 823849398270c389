package org.firehub.tickets.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.firehub.registry.InvalidInput;
import org.firehub.tickets.TicketProblem;
import org.firehub.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket failures as {@code {"code", "message", "error"}} ({@code error} repeats the message for
 * clients of the rest of the API). Answered here rather than through the shared failure handler
 * so the stable {@code code} is there whatever order the routers are mounted in; anything that
 * is not a ticket problem goes to that handler unchanged.
 */
final class TicketErrors {
    private static final Logger LOG = LoggerFactory.getLogger(TicketErrors.class);

    private TicketErrors() {}

    static void fail(RoutingContext ctx, Throwable failure) {
        if (ctx.response().headWritten()) {
            ctx.fail(failure);
            return;
        }
        switch (failure) {
            case TicketProblem p -> respond(ctx, p.code().status(), p.code().wireName(), p.getMessage(), null);
            case InvalidInput e -> {
                JsonArray fields = new JsonArray();
                e.problems().forEach(f -> fields.add(new JsonObject().put("field", f.field()).put("reason", f.reason())));
                respond(ctx, 400, "invalid", "invalid request: " + e.getMessage(), fields);
            }
            case ApiProblem e when e.status() == 400 -> respond(ctx, 400, "invalid", e.getMessage(), null);
            default -> ctx.fail(failure);
        }
    }

    private static void respond(RoutingContext ctx, int status, String code, String message, JsonArray details) {
        LOG.info("{} {} -> {} {}: {}", ctx.request().method(), ctx.request().path(), status, code, message);
        JsonObject body = new JsonObject().put("code", code).put("message", message).put("error", message);
        if (details != null) body.put("details", details);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
