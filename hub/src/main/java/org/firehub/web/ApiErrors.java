package org.firehub.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.AuthenticationFailed;
import org.firehub.people.HashingBusy;
import org.firehub.people.Principal;
import org.firehub.registry.Conflict;
import org.firehub.registry.ImportRejected;
import org.firehub.registry.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of an API route into {@code {"code", "message", "error", "details"?}} with
 * the right status, logs it with its context (method, path, user) and counts it. {@code code} is
 * stable (clients switch on it: {@link #codeForStatus}); {@code message} is for people and
 * {@code error} repeats it for older clients. Clients never see a stack trace; unexpected
 * failures are 500 "internal error" and logged in full.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private final MeterRegistry meters;

    public ApiErrors(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A failure handler for {@code router.route("/api/v1/*").failureHandler(...)}. */
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            LOG.warn("{} {} failed after the response had started: {}", ctx.request().method(), ctx.request().path(),
                    String.valueOf(ctx.failure()));
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        JsonObject body = new JsonObject();
        int status = describe(ctx, failure, body);
        body.put("message", body.getString("error"));
        if (!body.containsKey("code")) body.put("code", codeForStatus(status));
        log(ctx, status, failure, body.getString("error"));
        Counter.builder("firehub.http.api.errors").tag("status", Integer.toString(status))
                .description("API requests answered with an error").register(meters).increment();
        respond(ctx, status, body);
    }

    private static int describe(RoutingContext ctx, Throwable failure, JsonObject body) {
        switch (failure) {
            case null -> {
                int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
                body.put("error", messageForStatus(status));
                return status;
            }
            case AuthenticationFailed e -> {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                body.put("error", e.getMessage());
                return 401;
            }
            case InvalidInput e -> {
                JsonArray fields = new JsonArray();
                e.problems().forEach(p -> fields.add(new JsonObject().put("field", p.field()).put("reason", p.reason())));
                body.put("error", "invalid request: " + e.getMessage()).put("details", fields);
                return 400;
            }
            case Conflict e -> {
                body.put("error", e.getMessage());
                return 409;
            }
            case ImportRejected e -> {
                body.put("code", "import_rejected");
                JsonArray problems = new JsonArray();
                e.problems().forEach(p -> problems.add(new JsonObject().put("line", p.line()).put("reason", p.reason())));
                body.put("error", "import refused, nothing was imported: " + e.problems().size() + " problem(s)")
                        .put("problems", problems);
                return 422;
            }
            case HashingBusy e -> {
                body.put("code", "busy");
                ctx.response().putHeader("Retry-After", "1");
                body.put("error", "the hub is busy; retry in a second");
                return 503;
            }
            case ApiProblem e -> {
                body.put("error", e.getMessage());
                if (e.code() != null) body.put("code", e.code());
                return e.status();
            }
            default -> {
                body.put("error", "internal error");
                return 500;
            }
        }
    }

    /** The stable {@code code} of an error answered with {@code status} and no more specific code. */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "throttled";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "refused";
        };
    }

    /** The whole error body for a status alone (router-level 404 / 405). */
    public static JsonObject bodyForStatus(int status) {
        String message = messageForStatus(status);
        return new JsonObject().put("code", codeForStatus(status)).put("message", message).put("error", message);
    }

    static String messageForStatus(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> AuthenticationFailed.BEARER_MESSAGE;
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 415 -> "unsupported content type";
            case 429 -> "too many attempts; retry later";
            default -> status >= 500 ? "internal error" : "request refused";
        };
    }

    private static void log(RoutingContext ctx, int status, Throwable failure, String error) {
        Principal who = ctx.get(BearerAuth.PRINCIPAL);
        String user = who == null ? "-" : who.username();
        if (status >= 500) {
            LOG.error("{} {} (user {}) -> {}", ctx.request().method(), ctx.request().path(), user, status, failure);
        } else {
            LOG.info("{} {} (user {}) -> {}: {}", ctx.request().method(), ctx.request().path(), user, status, error);
        }
    }

    public static void respond(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
