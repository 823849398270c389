package org.firehub.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.firehub.people.ActiveSession;
import org.firehub.people.LoginAttempt;
import org.firehub.people.LoginThrottled;
import org.firehub.people.OpenedSession;
import org.firehub.people.Principal;
import org.firehub.people.SessionKind;
import org.firehub.people.SessionService;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;

/**
 * Signing in and out, no auth needed to sign in:
 * <ul>
 *   <li>{@code POST /api/v1/login} {@code {username, password}} → 200 {@code {token, expiresAt, user}};
 *       with {@code "session": "cookie"} the token goes into the HttpOnly {@value BearerAuth#COOKIE} cookie
 *       instead and the answer is {@code {csrfToken, expiresAt, user}}. 401 for any wrong credential,
 *       429 {@code throttled} with {@code Retry-After} after too many failures.</li>
 *   <li>{@code POST /api/v1/logout} → 204, ends the current session (and clears the cookie).</li>
 *   <li>{@code GET /api/v1/me} → the signed-in person and their session.</li>
 * </ul>
 * Also mounts the own-sessions and security-audit routes ({@link SessionRoutes}).
 */
final class LoginRoutes {
    private final SessionService sessions;

    private LoginRoutes(SessionService sessions) {
        this.sessions = sessions;
    }

    static void mount(Router router, SessionService sessions, int bodyLimit) {
        LoginRoutes routes = new LoginRoutes(sessions);
        BearerAuth auth = new BearerAuth(sessions);
        router.post("/api/v1/login").handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(routes::login);
        router.post("/api/v1/logout").handler(auth).handler(routes::logout);
        router.get("/api/v1/me").handler(auth).handler(routes::me);
        SessionRoutes.mount(router, sessions, auth);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        String username = RequestBodies.requiredString(body, "username", problems);
        String password = RequestBodies.requiredString(body, "password", problems);
        SessionKind kind = kind(body, problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        sessions.login(new LoginAttempt(username, password, kind, BearerAuth.sourceAddress(ctx)))
                .onSuccess(opened -> answer(ctx, opened))
                .onFailure(failure -> {
                    if (failure instanceof LoginThrottled throttled) {
                        ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                        ctx.fail(new ApiProblem(429, "throttled", throttled.getMessage()));
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private static SessionKind kind(JsonObject body, List<FieldProblem> problems) {
        Object raw = body.getValue("session");
        if (raw == null) return SessionKind.BEARER;
        if (raw instanceof String name && SessionKind.fromWireName(name).isPresent()) {
            return SessionKind.fromWireName(name).get();
        }
        problems.add(new FieldProblem("session", "must be \"bearer\" or \"cookie\""));
        return SessionKind.BEARER;
    }

    private void answer(RoutingContext ctx, OpenedSession opened) {
        JsonObject body = new JsonObject()
                .put("expiresAt", opened.expiresAt().toString())
                .put("user", user(opened.principal()));
        if (opened.kind() == SessionKind.COOKIE) {
            long maxAge = Math.max(0, opened.expiresAt().getEpochSecond() - java.time.Instant.now().getEpochSecond());
            ctx.response().addCookie(cookie(opened.token(), maxAge));
            // The session token stays in the HttpOnly cookie, out of reach of page scripts; the CSRF
            // token is for them to echo in a header, which another site cannot make the browser do.
            body.put("csrfToken", opened.csrfToken());
        } else {
            body.put("token", opened.token());
        }
        Responses.secretJson(ctx, 200, body);
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(BearerAuth.COOKIE, value).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setPath("/").setMaxAge(maxAgeSeconds).setSecure(sessions.settings().cookieSecure());
    }

    private void logout(RoutingContext ctx) {
        ActiveSession session = BearerAuth.session(ctx);
        sessions.logout(session, BearerAuth.sourceAddress(ctx))
                .onSuccess(done -> {
                    if (session.kind() == SessionKind.COOKIE) ctx.response().addCookie(cookie("", 0));
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        ActiveSession session = BearerAuth.session(ctx);
        Principal who = session.principal();
        JsonObject body = user(who).put("grid", who.grid())
                .put("session", new JsonObject().put("id", session.id()).put("kind", session.kind().wireName())
                        .put("expiresAt", session.expiresAt().toString()));
        Responses.json(ctx, 200, body);
    }

    static JsonObject user(Principal who) {
        return new JsonObject().put("id", who.userId()).put("username", who.username()).put("role", who.role().wireName());
    }
}
