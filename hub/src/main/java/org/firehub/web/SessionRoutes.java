package org.firehub.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.ActiveSession;
import org.firehub.people.Role;
import org.firehub.people.SecurityAuditLog;
import org.firehub.people.SessionService;
import org.firehub.people.SessionSummary;

/**
 * <ul>
 *   <li>{@code GET /api/v1/sessions} → the person's own live sessions {@code {sessions: [{id, kind,
 *       createdAt, expiresAt, sourceAddress, current}]}} (the id is a prefix of the token's hash, never the token);</li>
 *   <li>{@code DELETE /api/v1/sessions/{id}} → 204, ends one of them (404 if not theirs);</li>
 *   <li>{@code GET /api/v1/security-audit?limit=&before=} (admins) → {@code {entries: [...], next}}, newest
 *       first; {@code next} is the {@code before} of the following page, {@code null} on the last.</li>
 * </ul>
 */
final class SessionRoutes {
    private final SessionService sessions;
    private final SecurityAuditLog auditLog;

    private SessionRoutes(SessionService sessions) {
        this.sessions = sessions;
        this.auditLog = new SecurityAuditLog(sessions.client());
    }

    static void mount(Router router, SessionService sessions, BearerAuth auth) {
        SessionRoutes routes = new SessionRoutes(sessions);
        router.get("/api/v1/sessions").handler(auth).handler(routes::list);
        router.delete("/api/v1/sessions/:id").handler(auth).handler(routes::revoke);
        router.get("/api/v1/security-audit").handler(auth).handler(RequireRole.anyOf(Role.ADMIN)).handler(routes::audit);
    }

    private void list(RoutingContext ctx) {
        sessions.sessionsOf(BearerAuth.session(ctx))
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    for (SessionSummary s : list) {
                        items.add(new JsonObject().put("id", s.id()).put("kind", s.kind().wireName())
                                .put("createdAt", String.valueOf(s.createdAt())).put("expiresAt", String.valueOf(s.expiresAt()))
                                .put("sourceAddress", s.sourceAddress()).put("current", s.current()));
                    }
                    Responses.json(ctx, 200, new JsonObject().put("sessions", items));
                })
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        ActiveSession session = BearerAuth.session(ctx);
        String id = ctx.pathParam("id");
        sessions.revokeOwn(session, id, BearerAuth.sourceAddress(ctx))
                .onSuccess(found -> {
                    if (!found) {
                        ctx.fail(new ApiProblem(404, "you have no session " + abbreviate(id)));
                        return;
                    }
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(ctx::fail);
    }

    private void audit(RoutingContext ctx) {
        int limit = (int) number(ctx, "limit", SecurityAuditLog.DEFAULT_LIMIT, 1, SecurityAuditLog.MAX_LIMIT);
        String rawBefore = ctx.queryParams().get("before");
        Long before = rawBefore == null ? null : number(ctx, "before", 0, 1, Long.MAX_VALUE);
        auditLog.page(limit, before)
                .onSuccess(entries -> {
                    Object next = entries.size() < limit ? null : entries.getJsonObject(entries.size() - 1).getLong("id");
                    Responses.json(ctx, 200, new JsonObject().put("entries", entries).put("next", next));
                })
                .onFailure(ctx::fail);
    }

    private static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParams().get(name);
        if (raw == null) return fallback;
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // answered below, with the allowed range
        }
        throw new ApiProblem(400, name + " must be a whole number from " + min + " to " + max + ", got '" + abbreviate(raw) + "'");
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
