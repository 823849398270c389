package org.firehub.alarms.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.firehub.alarms.AlarmJson;
import org.firehub.alarms.AlarmScope;
import org.firehub.alarms.AlarmScopes;
import org.firehub.alarms.PgAlarmStore;
import org.firehub.people.SessionService;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequestBodies;

/**
 * The alarm API, for every signed-in person within their {@link AlarmScope}:
 * <ul>
 * <li>{@code GET /api/v1/alarms?active=&venueId=&deviceId=&hazard=&severity=&since=&limit=} → 200
 *     {@code [{id, deviceId, venueId, hazard, severity, raisedAt, clearedAt, ruleId, grid, values,
 *     reason, repeats, acknowledgedAt, acknowledgedBy}]}, newest first, limit 100 (max 1000);
 * <li>{@code GET /api/v1/alarms/stream}: the live feed ({@link AlarmStreamRoutes});
 * <li>{@code GET /api/v1/alarms/{id}} → the alarm with {@code lastRepeatAt, clearReason, comments};
 * <li>{@code POST /api/v1/alarms/{id}/acknowledge} {@code {note?}} → 200 the alarm; the same person
 *     again → 200 unchanged; already acknowledged by someone else → 409;
 * <li>{@code POST /api/v1/alarms/{id}/comments} {@code {text}} (1–2000 characters) → 201 the comment.
 * </ul>
 * An alarm outside the person's scope is 404, exactly like one that does not exist.
 *
 * <p>Mount after {@link org.firehub.web.ApiRouter#mount} (or next to it) so that failures get its
 * JSON error handler for {@code /api/v1/*}.
 */
public final class AlarmRoutes {
    private static final int BODY_LIMIT = 16 * 1024;

    private final PgAlarmStore store;
    private final AlarmScopes scopes;

    private AlarmRoutes(PgAlarmStore store, AlarmScopes scopes) {
        this.store = store;
        this.scopes = scopes;
    }

    public static void mount(Router router, PgAlarmStore store, AlarmFeed feed, AlarmScopes scopes, SessionService sessions) {
        AlarmRoutes routes = new AlarmRoutes(store, scopes);
        BearerAuth auth = new BearerAuth(sessions);
        router.get("/api/v1/alarms").handler(auth).handler(routes::list);
        // Before /alarms/:id, which would otherwise take "stream" for an id.
        AlarmStreamRoutes.mount(router, feed, scopes, auth, sessions);
        router.get("/api/v1/alarms/:id").handler(auth).handler(routes::read);
        router.post("/api/v1/alarms/:id/acknowledge").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(auth).handler(routes::acknowledge);
        router.post("/api/v1/alarms/:id/comments").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(auth).handler(routes::comment);
    }

    private void list(RoutingContext ctx) {
        var query = AlarmQueryParams.parse(ctx.queryParams());
        scoped(ctx, scope -> store.find(query, scope)).onSuccess(alarms -> {
            JsonArray array = new JsonArray();
            alarms.forEach(a -> array.add(AlarmJson.toJson(a)));
            json(ctx, 200, array);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        long id = alarmId(ctx);
        scoped(ctx, scope -> store.detail(id, scope))
                .onSuccess(found -> found.ifPresentOrElse(d -> json(ctx, 200, AlarmJson.toJson(d)), () -> notFound(ctx, id)))
                .onFailure(ctx::fail);
    }

    private void acknowledge(RoutingContext ctx) {
        long id = alarmId(ctx);
        Optional<String> note = optionalNote(ctx);
        scoped(ctx, scope -> store.acknowledge(id, scope, BearerAuth.principal(ctx), note))
                .onSuccess(found -> found.ifPresentOrElse(a -> json(ctx, 200, AlarmJson.toJson(a)), () -> notFound(ctx, id)))
                .onFailure(ctx::fail);
    }

    private void comment(RoutingContext ctx) {
        long id = alarmId(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        String text = RequestBodies.requiredString(RequestBodies.jsonObject(ctx), "text", problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        scoped(ctx, scope -> store.comment(id, scope, BearerAuth.principal(ctx), text))
                .onSuccess(found -> found.ifPresentOrElse(c -> json(ctx, 201, AlarmJson.toJson(c)), () -> notFound(ctx, id)))
                .onFailure(ctx::fail);
    }

    /** The body is optional: none, or a JSON object with an optional string {@code note}. */
    private static Optional<String> optionalNote(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) return Optional.empty();
        JsonObject json = RequestBodies.jsonObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        String note = RequestBodies.string(json, "note", problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return Optional.ofNullable(note);
    }

    private <T> Future<T> scoped(RoutingContext ctx, Function<AlarmScope, Future<T>> action) {
        return scopes.of(BearerAuth.principal(ctx)).compose(action);
    }

    private static long alarmId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not an alarm id, so there is no such alarm
        }
        throw new ApiProblem(404, "no alarm '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
    }

    private static void notFound(RoutingContext ctx, long id) {
        ctx.fail(new ApiProblem(404, "no alarm " + id));
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }
}
