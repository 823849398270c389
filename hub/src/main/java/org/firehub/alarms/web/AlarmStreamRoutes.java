package org.firehub.alarms.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.firehub.alarms.AlarmScopes;
import org.firehub.people.Principal;
import org.firehub.people.SessionService;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;

/**
 * {@code GET /api/v1/alarms/stream}: Server-Sent Events of alarm changes within the person's
 * scope. Each event is named by {@link org.firehub.alarms.AlarmChange.Kind#eventName()}
 * ({@code alarm.raised}, {@code alarm.cleared}, {@code alarm.acknowledged}, {@code alarm.commented}),
 * has an increasing {@code id:} and the alarm as {@code data:} (the list's JSON shape). A comment
 * line every 15 s keeps proxies from closing it; at each one the session is checked again, and a
 * stream whose session ended (logout, expiry) is closed. {@code Last-Event-ID} replays what was missed, or
 * answers a {@code resync} event when that is no longer kept.
 */
final class AlarmStreamRoutes {
    private AlarmStreamRoutes() {}

    static void mount(Router router, AlarmFeed feed, AlarmScopes scopes, BearerAuth auth, SessionService sessions) {
        router.get("/api/v1/alarms/stream").handler(auth).handler(ctx -> {
            OptionalLong lastEventId = lastEventId(ctx);
            Principal who = BearerAuth.principal(ctx);
            // BearerAuth has accepted the header or the console's cookie. A stream outlives requests:
            // the session is checked again at every heartbeat, so a logout or an expiry ends it.
            String token = BearerAuth.sessionToken(ctx);
            Supplier<Future<?>> stillSignedIn = () -> sessions.authenticate(token);
            scopes.of(who).onSuccess(scope -> feed.open(ctx.response(), scope, lastEventId, who.username(), stillSignedIn))
                    .onFailure(ctx::fail);
        });
    }

    private static OptionalLong lastEventId(RoutingContext ctx) {
        String raw = ctx.request().getHeader("Last-Event-ID");
        if (raw == null || raw.isBlank()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "Last-Event-ID must be an event id from this feed, got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
        }
    }
}
