package org.firehub.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.device.DeviceId;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.registry.NewDevice;

/**
 * {@code POST /api/v1/devices} (admin) → 201 {@code {deviceId, token, psk?}}, the secrets shown
 * once ({@code psk} when DTLS PSKs are configured);
 * {@code POST /api/v1/devices/{deviceId}/psk} (admin) → 200 {@code {deviceId, psk, pskVersion}}:
 * a new DTLS PSK, the old one invalidated;
 * {@code GET /api/v1/devices[?venueId=]} ({@code readers}), never tokens or hashes, only the devices
 * of venues in the person's {@link org.firehub.people.AccessScope}.
 */
final class DeviceRoutes {
    private final DeviceRegistration devices;
    private final AccessScopes scopes;

    private DeviceRoutes(DeviceRegistration devices, AccessScopes scopes) {
        this.devices = devices;
        this.scopes = scopes;
    }

    static void mount(Router router, DeviceRegistration devices, BearerAuth auth, int bodyLimit, AccessScopes scopes,
                      RequireRole readers) {
        DeviceRoutes routes = new DeviceRoutes(devices, scopes);
        router.post("/api/v1/devices").handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(auth).handler(RequireRole.anyOf(Role.ADMIN)).handler(routes::register);
        router.post("/api/v1/devices/:deviceId/psk").handler(auth).handler(RequireRole.anyOf(Role.ADMIN))
                .handler(routes::rotatePsk);
        router.get("/api/v1/devices").handler(auth).handler(readers).handler(routes::list);
    }

    private void register(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> typeProblems = new ArrayList<>();
        NewDevice device = new NewDevice(RequestBodies.string(body, "deviceId", typeProblems),
                RequestBodies.string(body, "kind", typeProblems),
                RequestBodies.wholeNumber(body, "venueId", typeProblems));
        if (!typeProblems.isEmpty()) throw new InvalidInput(typeProblems);
        devices.register(device)
                .onSuccess(issued -> {
                    JsonObject answer = new JsonObject().put("deviceId", issued.deviceId()).put("token", issued.token());
                    issued.psk().ifPresent(psk -> answer.put("psk", psk));
                    Responses.secretJson(ctx, 201, answer);
                })
                .onFailure(ctx::fail);
    }

    private void rotatePsk(RoutingContext ctx) {
        String raw = ctx.pathParam("deviceId");
        if (!DeviceId.isValid(raw)) throw new ApiProblem(404, "no device '" + raw + "'");
        if (!devices.issuesPsks()) throw new ApiProblem(404, "DTLS PSKs are not configured on this hub");
        devices.rotatePsk(new DeviceId(raw))
                .onSuccess(rotated -> {
                    if (rotated.isEmpty()) {
                        ctx.fail(new ApiProblem(404, "no device '" + raw + "'"));
                        return;
                    }
                    Responses.secretJson(ctx, 200, new JsonObject().put("deviceId", raw)
                            .put("psk", rotated.get().secret()).put("pskVersion", rotated.get().version()));
                })
                .onFailure(ctx::fail);
    }

    /** Filtered after the query (see VenueRoutes#list for why); a venue outside scope lists nothing. */
    private void list(RoutingContext ctx) {
        Optional<Long> venue = venueFilter(ctx);
        scopes.of(BearerAuth.principal(ctx)).compose(scope -> devices.list(venue)
                        .map(list -> list.stream().filter(d -> scope.permits(d.venueId(), d.grid())).toList()))
                .onSuccess(list -> {
                    JsonArray array = new JsonArray();
                    list.forEach(d -> array.add(new JsonObject().put("deviceId", d.deviceId()).put("kind", d.kind())
                            .put("venueId", d.venueId()).put("grid", d.grid())
                            .put("registeredAt", d.registeredAt().toString())));
                    Responses.json(ctx, 200, array);
                })
                .onFailure(ctx::fail);
    }

    private static Optional<Long> venueFilter(RoutingContext ctx) {
        String raw = ctx.queryParams().get("venueId");
        if (raw == null || raw.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw InvalidInput.of("venueId", "must be a whole number");
        }
    }
}
