package org.firehub.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;
import org.firehub.people.Role;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.ImportResult;

/**
 * {@code POST /api/v1/import/venues} (admin, supervisor) and {@code /api/v1/import/devices}
 * (admin), body {@code text/csv}: 201 {@code {imported, venues, devices}} or 422 naming every bad line.
 */
final class ImportRoutes {
    private final CsvImporter importer;

    private ImportRoutes(CsvImporter importer) {
        this.importer = importer;
    }

    static void mount(Router router, CsvImporter importer, BearerAuth auth, int bodyLimit) {
        ImportRoutes routes = new ImportRoutes(importer);
        router.post("/api/v1/import/venues").handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(auth).handler(RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR))
                .handler(ctx -> routes.importCsv(ctx, routes.importer::importVenues));
        router.post("/api/v1/import/devices").handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(auth).handler(RequireRole.anyOf(Role.ADMIN))
                .handler(ctx -> routes.importCsv(ctx, routes.importer::importDevices));
    }

    private void importCsv(RoutingContext ctx, Function<String, Future<ImportResult>> importer) {
        RequestBodies.requireContentType(ctx, "text/csv");
        importer.apply(RequestBodies.text(ctx))
                .onSuccess(result -> Responses.secretJson(ctx, 201, toJson(result)))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(ImportResult result) {
        JsonArray venues = new JsonArray();
        result.venues().forEach(v -> venues.add(new JsonObject().put("id", v.id()).put("qrToken", v.qrToken())
                .put("publicUrl", v.publicUrl())));
        JsonArray devices = new JsonArray();
        result.devices().forEach(d -> {
            JsonObject device = new JsonObject().put("deviceId", d.deviceId()).put("token", d.token());
            d.psk().ifPresent(psk -> device.put("psk", psk));
            devices.add(device);
        });
        return new JsonObject().put("imported", result.imported()).put("venues", venues).put("devices", devices);
    }
}
