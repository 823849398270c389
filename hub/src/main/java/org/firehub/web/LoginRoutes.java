package org.firehub.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.firehub.people.SessionService;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;

/** {@code POST /api/v1/login} {@code {username, password}} → 200 {@code {token}} or 401, no auth needed. */
final class LoginRoutes {
    private final SessionService sessions;

    private LoginRoutes(SessionService sessions) {
        this.sessions = sessions;
    }

    static void mount(Router router, SessionService sessions, int bodyLimit) {
        LoginRoutes routes = new LoginRoutes(sessions);
        router.post("/api/v1/login").handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(routes::login);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        String username = RequestBodies.requiredString(body, "username", problems);
        String password = RequestBodies.requiredString(body, "password", problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        sessions.login(username, password)
                .onSuccess(token -> Responses.secretJson(ctx, 200, new JsonObject().put("token", token)))
                .onFailure(ctx::fail);
    }
}
