package org.firehub.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Counts the bench's readings the hub has written to InfluxDB (InfluxQL over the v1 HTTP API). */
public final class InfluxReadings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String influxUrl;
    private final String database;

    public InfluxReadings(String influxUrl, String database) {
        this.influxUrl = influxUrl;
        this.database = database;
    }

    /** Points in {@code readings} from devices whose id starts with {@code prefix}, newer than {@code sinceMillis}. */
    public long count(String prefix, long sinceMillis) throws IOException, InterruptedException {
        if (!prefix.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("unsafe device prefix: " + prefix);
        String q = "SELECT count(battery_pct) FROM readings WHERE device_id =~ /^" + prefix + "/ AND time > " + sinceMillis + "ms";
        HttpRequest request = HttpRequest.newBuilder(URI.create(influxUrl + "/query?db=" + database + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException(q + ": HTTP " + response.statusCode() + " " + response.body());
        JsonNode values = JSON.readTree(response.body()).path("results").path(0).path("series").path(0).path("values");
        return values.isMissingNode() || values.isEmpty() ? 0 : values.path(0).path(1).asLong();
    }

    /** Polls until the count reaches {@code expected} or the timeout passes; returns the last count. */
    public long awaitCount(String prefix, long sinceMillis, long expected, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = count(prefix, sinceMillis);
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(500); // the hub drains its spool to InfluxDB in batches; poll, don't hammer
            seen = count(prefix, sinceMillis);
        }
        return seen;
    }
}
