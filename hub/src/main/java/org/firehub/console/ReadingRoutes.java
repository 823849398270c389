package org.firehub.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.firehub.people.AccessScopes;
import org.firehub.people.Principal;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;

/**
 * {@code GET /api/v1/devices/{deviceId}/readings?field=&from=&to=} → 200
 * {@code {deviceId, field, from, to, bucketSeconds, times: [epoch ms], values: [mean]}}, for a
 * device whose venue lies in the caller's {@link org.firehub.people.AccessScope}; any other
 * device answers 404 {@code not_found}, like one that does not exist. {@code from} and {@code to}
 * are ISO-8601 instants (default: the last 24 hours), at most {@value #MAX_SPAN_DAYS} days apart.
 * 503 {@code influx_unavailable} when InfluxDB cannot answer.
 */
public final class ReadingRoutes {
    static final int MAX_SPAN_DAYS = 92;
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Pool pool;
    private final AccessScopes scopes;
    private final ReadingQuery readings;
    private final Clock clock;

    private ReadingRoutes(Pool pool, AccessScopes scopes, ReadingQuery readings, Clock clock) {
        this.pool = pool;
        this.scopes = scopes;
        this.readings = readings;
        this.clock = clock;
    }

    /** Mount next to {@link org.firehub.web.ApiRouter#mount}, whose failure handler answers errors as JSON. */
    public static void mount(Router router, Pool pool, AccessScopes scopes, ReadingQuery readings,
                             Handler<RoutingContext> auth, Clock clock) {
        ReadingRoutes routes = new ReadingRoutes(pool, scopes, readings, clock);
        router.get("/api/v1/devices/:deviceId/readings").handler(auth).handler(routes::readings);
    }

    private void readings(RoutingContext ctx) {
        Request request;
        try {
            request = request(ctx);
        } catch (ApiProblem problem) {
            ctx.fail(problem);
            return;
        }
        Principal who = BearerAuth.principal(ctx);
        visible(who, request.deviceId())
                .compose(ignored -> readings.query(request.deviceId(), request.field(), request.from(), request.to()))
                .onSuccess(series -> {
                    JsonObject body = new JsonObject().put("deviceId", request.deviceId()).put("field", request.field())
                            .put("from", request.from().toString()).put("to", request.to().toString())
                            .put("bucketSeconds", series.bucket().toSeconds())
                            .put("times", new JsonArray(series.times())).put("values", new JsonArray(series.values()));
                    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                            .end(body.encode());
                })
                .onFailure(failure -> ctx.fail(failure instanceof ReadingQuery.InfluxUnavailable
                        ? new ApiProblem(503, "influx_unavailable", failure.getMessage()) : failure));
    }

    private record Request(String deviceId, String field, Instant from, Instant to) {}

    private Request request(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        // An id that cannot exist is "not found", as for any unknown device.
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) throw notFound();
        String field = ctx.queryParams().get("field");
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new ApiProblem(400, "invalid", "field: required, 1-64 of A-Z a-z 0-9 _ . -");
        }
        Instant to = instant(ctx, "to", clock.instant());
        Instant from = instant(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) throw new ApiProblem(400, "invalid", "from must lie before to");
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_SPAN_DAYS)) > 0) {
            throw new ApiProblem(400, "invalid", "from..to spans more than " + MAX_SPAN_DAYS + " days");
        }
        return new Request(deviceId, field, from, to);
    }

    private static Instant instant(RoutingContext ctx, String name, Instant otherwise) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) return otherwise;
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiProblem(400, "invalid", name + ": an ISO-8601 instant such as 2026-03-02T08:00:00Z");
        }
    }

    /** Succeeds when the device exists and its venue is in the person's scope; else 404. */
    private Future<Void> visible(Principal who, String deviceId) {
        Future<Row> device = pool.preparedQuery("SELECT d.venue_id, v.grid FROM devices d JOIN venues v ON v.id = d.venue_id"
                + " WHERE d.device_id = $1").execute(Tuple.of(deviceId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
        Future<org.firehub.people.AccessScope> scope = scopes.of(who);
        return Future.all(device, scope).compose(both -> {
            Row row = device.result();
            if (row == null || !scope.result().permits(row.getLong("venue_id"), row.getString("grid"))) {
                return Future.failedFuture(notFound());
            }
            return Future.<Void>succeededFuture();
        });
    }

    private static ApiProblem notFound() {
        return new ApiProblem(404, "not_found", "no such device");
    }
}
