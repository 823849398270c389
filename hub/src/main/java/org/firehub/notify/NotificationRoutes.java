package org.firehub.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.firehub.people.Role;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequireRole;

/**
 * {@code GET /api/v1/notifications?state=dead&limit=100} (admin): the newest outbox rows in one
 * state, newest first, so an operator sees which gateway refused what and why. {@code state} is
 * pending, delivered or dead (default dead); {@code limit} 1..500 (default 100).
 */
public final class NotificationRoutes {
    private static final Set<String> STATES = Set.of(Outbox.PENDING, Outbox.DELIVERED, Outbox.DEAD);
    private static final int MAX_LIMIT = 500;

    private final Notifications notifications;

    private NotificationRoutes(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Mount before {@code ApiRouter.mount}'s failure handler or after: either way it answers the JSON errors. */
    public static void mount(Router router, Notifications notifications, BearerAuth auth) {
        NotificationRoutes routes = new NotificationRoutes(notifications);
        router.get("/api/v1/notifications").handler(auth).handler(RequireRole.anyOf(Role.ADMIN)).handler(routes::list);
    }

    private void list(RoutingContext ctx) {
        String state = ctx.queryParams().get("state") == null ? Outbox.DEAD : ctx.queryParams().get("state");
        if (!STATES.contains(state)) {
            ctx.fail(new ApiProblem(400, "state must be pending, delivered or dead, not '" + state + "'"));
            return;
        }
        int limit;
        try {
            limit = ctx.queryParams().get("limit") == null ? 100 : Integer.parseInt(ctx.queryParams().get("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            ctx.fail(new ApiProblem(400, "limit must be a whole number from 1 to " + MAX_LIMIT));
            return;
        }
        notifications.entries(state, limit)
                .onSuccess(entries -> {
                    JsonArray array = new JsonArray();
                    entries.forEach(e -> array.add(e.toJson()));
                    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Cache-Control", "no-store").end(array.encode());
                })
                .onFailure(ctx::fail);
    }
}
