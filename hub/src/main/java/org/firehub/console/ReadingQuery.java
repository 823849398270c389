package org.firehub.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.firehub.runtime.InfluxSettings;

/**
 * Downsampled readings of one device from InfluxDB's {@code readings} measurement: the mean per
 * time bucket, so a chart of a month asks for a few hundred points, not every message.
 * Uses the JDK's asynchronous HTTP client: no event-loop thread waits for InfluxDB.
 */
public final class ReadingQuery {
    /** At most this many buckets: a phone chart cannot show more. */
    static final int MAX_POINTS = 500;
    static final Duration MIN_BUCKET = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final InfluxSettings influx;
    private final String retentionPolicy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ReadingQuery(Vertx vertx, InfluxSettings influx, String retentionPolicy) {
        this.vertx = vertx;
        this.influx = influx;
        this.retentionPolicy = retentionPolicy;
    }

    /** The mean of {@code field} per bucket in [from, to); the caller has validated device id and field. */
    public record Series(Duration bucket, List<Long> times, List<Double> values) {}

    public Future<Series> query(String deviceId, String field, Instant from, Instant to) {
        Duration bucket = bucketFor(from, to);
        String influxQl = "SELECT mean(" + identifier(field) + ") FROM " + identifier(retentionPolicy) + ".\"readings\""
                + " WHERE device_id = '" + deviceId + "' AND time >= " + from.toEpochMilli() + "ms AND time < "
                + to.toEpochMilli() + "ms GROUP BY time(" + bucket.toSeconds() + "s) fill(none)";
        String uri = influx.url() + "/query?epoch=ms&db=" + URLEncoder.encode(influx.database(), StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(15)).GET();
        if (influx.user() != null && !influx.user().isEmpty()) {
            String basic = influx.user() + ":" + (influx.password() == null ? "" : influx.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        var answer = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        return Future.fromCompletionStage(answer, vertx.getOrCreateContext()).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(new InfluxUnavailable("InfluxDB answered " + response.statusCode() + ": "
                        + abbreviate(response.body())));
            }
            return Future.succeededFuture(parse(new JsonObject(response.body()), bucket));
        }, failure -> Future.failedFuture(new InfluxUnavailable("InfluxDB did not answer: " + failure)));
    }

    /** The smallest whole-second bucket, at least {@link #MIN_BUCKET}, giving at most {@link #MAX_POINTS} buckets. */
    static Duration bucketFor(Instant from, Instant to) {
        long spanSeconds = Math.max(1, Duration.between(from, to).toSeconds());
        long seconds = Math.max(MIN_BUCKET.toSeconds(), (spanSeconds + MAX_POINTS - 1) / MAX_POINTS);
        return Duration.ofSeconds(seconds);
    }

    private static Series parse(JsonObject body, Duration bucket) {
        JsonArray results = body.getJsonArray("results", new JsonArray());
        JsonObject result = results.isEmpty() ? new JsonObject() : results.getJsonObject(0);
        if (result.containsKey("error")) throw new InfluxUnavailable("InfluxDB refused the query: " + result.getString("error"));
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        JsonArray series = result.getJsonArray("series", new JsonArray());
        if (!series.isEmpty()) {
            for (Object row : series.getJsonObject(0).getJsonArray("values", new JsonArray())) {
                JsonArray r = (JsonArray) row;
                if (r.getValue(1) == null) continue;
                times.add(r.getLong(0));
                values.add(r.getNumber(1).doubleValue());
            }
        }
        return new Series(bucket, times, values);
    }

    /** A double-quoted InfluxQL identifier (callers pass validated names; quoting keeps keywords harmless). */
    private static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** InfluxDB could not be asked or refused; the API answers 503. */
    public static final class InfluxUnavailable extends RuntimeException {
        InfluxUnavailable(String message) {
            super(message);
        }
    }
}
