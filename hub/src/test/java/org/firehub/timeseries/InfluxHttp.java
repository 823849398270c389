package org.firehub.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Talks to a real influxd over its HTTP API, as a dashboard would: InfluxQL and line protocol. */
public final class InfluxHttp {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    public InfluxHttp(String url) {
        this.url = url;
    }

    /** Creates a database with a name no other test uses. */
    public String freshDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        query(null, "CREATE DATABASE \"" + name + "\"", true);
        return name;
    }

    public JsonNode query(String database, String influxQl) {
        return query(database, influxQl, false);
    }

    /** A single number a query answers (e.g. {@code SELECT count(x) ...}), 0 when it answers no series. */
    public long count(String database, String influxQl) {
        JsonNode series = query(database, influxQl).path("results").path(0).path("series");
        if (series.isMissingNode() || series.isEmpty()) return 0;
        return series.path(0).path("values").path(0).path(1).asLong();
    }

    public void writeLine(String database, String lineProtocol) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/write?precision=ms&db=" + encode(database)))
                .POST(HttpRequest.BodyPublishers.ofString(lineProtocol)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204) throw new IllegalStateException("write failed: " + response.statusCode() + " " + response.body());
    }

    private JsonNode query(String database, String influxQl, boolean post) {
        String target = url + "/query?epoch=ms&q=" + encode(influxQl) + (database == null ? "" : "&db=" + encode(database));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target));
        HttpResponse<String> response = send(post ? request.POST(HttpRequest.BodyPublishers.noBody()).build() : request.GET().build());
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || body.path("results").path(0).has("error")) {
                throw new IllegalStateException("query '" + influxQl + "' failed: " + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
