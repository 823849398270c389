package org.firehub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.AuthenticationFailed;
import org.firehub.people.Principal;
import org.firehub.people.SessionService;

/**
 * Authenticates a person by {@code Authorization: Bearer {session token}} and puts the
 * {@link Principal} on the routing context ({@link #principal}); otherwise fails the request
 * with 401. Feature routers (alarms, tickets, ...) put this in front of their handlers.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    public static final String PRINCIPAL = "firehub.principal";
    private static final String SCHEME = "bearer ";

    private final SessionService sessions;

    public BearerAuth(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            ctx.fail(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
            return;
        }
        sessions.authenticate(header.substring(SCHEME.length()).strip())
                .onSuccess(principal -> {
                    ctx.put(PRINCIPAL, principal);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    /** The authenticated person; only valid behind this handler. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) throw new IllegalStateException("route has no BearerAuth in front of it");
        return principal;
    }
}
