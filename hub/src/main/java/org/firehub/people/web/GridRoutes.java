package org.firehub.people.web;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.firehub.people.PgGrids;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.web.ApiProblem;
import org.firehub.web.RequestBodies;

/** {@code GET/POST /api/v1/grids}, {@code GET/PATCH /api/v1/grids/{code}}. */
final class GridRoutes {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final PgGrids grids;
    private final Counter changes;

    GridRoutes(PgGrids grids, Counter changes) {
        this.grids = grids;
        this.changes = changes;
    }

    void list(RoutingContext ctx) {
        grids.list().onSuccess(list -> {
            JsonArray array = new JsonArray();
            list.forEach(g -> array.add(PeopleJson.grid(g)));
            PeopleJson.respond(ctx, 200, array);
        }).onFailure(ctx::fail);
    }

    void read(RoutingContext ctx) {
        String code = pathCode(ctx);
        grids.find(code).onSuccess(found -> found.ifPresentOrElse(g -> PeopleJson.respond(ctx, 200, PeopleJson.grid(g)),
                () -> ctx.fail(new ApiProblem(404, "no grid '" + code + "'")))).onFailure(ctx::fail);
    }

    void create(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        String code = RequestBodies.requiredString(body, "code", problems);
        if (code != null && !code.isEmpty() && !CODE.matcher(code).matches()) {
            problems.add(new FieldProblem("code", "1-64 letters, digits, _ or -"));
        }
        String name = RequestBodies.string(body, "name", problems);
        checkName(name, problems);
        Long leader = RequestBodies.wholeNumber(body, "leaderUserId", problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        grids.create(code, name == null ? code : name, leader, PeopleRoutes.actor(ctx)).onSuccess(created -> {
            changes.increment();
            ctx.response().putHeader("Location", "/api/v1/grids/" + created.code());
            PeopleJson.respond(ctx, 201, PeopleJson.grid(created));
        }).onFailure(ctx::fail);
    }

    void update(RoutingContext ctx) {
        String code = pathCode(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : body.fieldNames()) {
            if (!field.equals("name") && !field.equals("leaderUserId")) problems.add(new FieldProblem(field, "cannot be changed"));
        }
        Optional<String> name = body.containsKey("name")
                ? Optional.ofNullable(RequestBodies.requiredString(body, "name", problems)) : Optional.empty();
        name.ifPresent(n -> checkName(n, problems));
        Optional<Optional<Long>> leader = body.containsKey("leaderUserId")
                ? Optional.of(Optional.ofNullable(RequestBodies.wholeNumber(body, "leaderUserId", problems))) : Optional.empty();
        if (name.isEmpty() && leader.isEmpty() && problems.isEmpty()) problems.add(new FieldProblem("body", "names nothing to change"));
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        grids.update(code, name, leader, PeopleRoutes.actor(ctx)).onSuccess(found -> found.ifPresentOrElse(g -> {
            changes.increment();
            PeopleJson.respond(ctx, 200, PeopleJson.grid(g));
        }, () -> ctx.fail(new ApiProblem(404, "no grid '" + code + "'")))).onFailure(ctx::fail);
    }

    private static void checkName(String name, List<FieldProblem> problems) {
        if (name != null && (name.isBlank() || name.length() > 200)) problems.add(new FieldProblem("name", "1-200 characters"));
    }

    private static String pathCode(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (!CODE.matcher(code).matches()) {
            throw new ApiProblem(404, "no grid '" + (code.length() > 40 ? code.substring(0, 40) + "…" : code) + "'");
        }
        return code;
    }
}
