package org.firehub.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 when every part is ready, otherwise 503 naming the failing parts,
 * e.g. {@code {"status":"DOWN","failing":["influxdb"],"parts":{"influxdb":"connection refused"}}}.
 */
public final class HealthCheck {
    /** One part's check: a succeeded future means healthy; a failed one carries why not. */
    public record Part(String name, Supplier<Future<Void>> check) {}

    private static final long CHECK_TIMEOUT_SECONDS = 3;

    private final List<Part> parts;

    public HealthCheck(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public void handle(RoutingContext ctx) {
        List<Future<Void>> checks = new ArrayList<>();
        for (Part part : parts) {
            Future<Void> check;
            try {
                // A part that does not answer within the limit is as bad as one that fails.
                check = part.check().get().timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                check = Future.failedFuture(e);
            }
            checks.add(check);
        }
        Future.join(checks).onComplete(ignored -> {
            Map<String, Object> details = new LinkedHashMap<>();
            List<String> failing = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Future<Void> check = checks.get(i);
                if (check.succeeded()) {
                    details.put(parts.get(i).name(), "UP");
                } else {
                    failing.add(parts.get(i).name());
                    details.put(parts.get(i).name(), String.valueOf(check.cause().getMessage()));
                }
            }
            JsonObject body = new JsonObject()
                    .put("status", failing.isEmpty() ? "UP" : "DOWN")
                    .put("failing", failing)
                    .put("parts", details);
            ctx.response().setStatusCode(failing.isEmpty() ? 200 : 503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(body.encode());
        });
    }
}
