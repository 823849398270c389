package org.firehub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.firehub.people.ActiveSession;
import org.firehub.people.AuthenticationFailed;
import org.firehub.people.Principal;
import org.firehub.people.SessionKind;
import org.firehub.people.SessionService;

/**
 * Authenticates a person and puts the {@link Principal} on the routing context ({@link #principal});
 * otherwise fails the request with 401. Feature routers (alarms, tickets, ...) put this in front
 * of their handlers.
 *
 * <p>Two ways in: {@code Authorization: Bearer {token}} of a bearer session, or the console's
 * {@value #COOKIE} cookie of a cookie session. A browser sends a cookie by itself, also on
 * requests another site makes it send, so with the cookie every unsafe method (anything but
 * GET, HEAD, OPTIONS) must also carry {@value #CSRF_HEADER} equal to the session's CSRF token,
 * else 403 {@code csrf}. A bearer header is never sent by a browser on its own and needs none.
 * Each token only works the way its session was opened: a bearer token in a cookie, or a
 * cookie session's token in a header, is refused.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    public static final String PRINCIPAL = "firehub.principal";
    public static final String SESSION = "firehub.session";
    public static final String COOKIE = "firehub_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String TOKEN = "firehub.session.token";
    private static final String SCHEME = "bearer ";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SessionService sessions;

    public BearerAuth(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                ctx.fail(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
                return;
            }
            authenticate(ctx, header.substring(SCHEME.length()).strip(), SessionKind.BEARER);
            return;
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            ctx.fail(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
            return;
        }
        authenticate(ctx, cookie.getValue(), SessionKind.COOKIE);
    }

    private void authenticate(RoutingContext ctx, String token, SessionKind presentedAs) {
        sessions.authenticateSession(token)
                .onSuccess(session -> {
                    if (session.kind() != presentedAs) {
                        ctx.fail(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
                    } else if (presentedAs == SessionKind.COOKIE && !SAFE.contains(ctx.request().method())
                            && !session.csrfMatches(ctx.request().getHeader(CSRF_HEADER))) {
                        ctx.fail(new ApiProblem(403, "csrf", "this request needs the session's " + CSRF_HEADER + " header"));
                    } else {
                        ctx.put(PRINCIPAL, session.principal());
                        ctx.put(SESSION, session);
                        ctx.put(TOKEN, token);
                        ctx.next();
                    }
                })
                .onFailure(ctx::fail);
    }

    /** The authenticated person; only valid behind this handler. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) throw new IllegalStateException("route has no BearerAuth in front of it");
        return principal;
    }

    /** The authenticated session (kind, id, expiry); only valid behind this handler. */
    public static ActiveSession session(RoutingContext ctx) {
        ActiveSession session = ctx.get(SESSION);
        if (session == null) throw new IllegalStateException("route has no BearerAuth in front of it");
        return session;
    }

    /**
     * The token the request authenticated with, from the header or the cookie, for code that
     * must check the session again later (a long-lived event stream); only valid behind this handler.
     */
    public static String sessionToken(RoutingContext ctx) {
        String token = ctx.get(TOKEN);
        if (token == null) throw new IllegalStateException("route has no BearerAuth in front of it");
        return token;
    }

    /** The client's address as this hub saw it (proxies' forwarding headers are not trusted). */
    public static String sourceAddress(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        return address == null ? null : address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
