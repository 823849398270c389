package org.firehub.testing;

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
import java.util.ArrayList;
import java.util.List;

/** InfluxQL over InfluxDB's v1 HTTP API, as a dashboard or outside client would ask. */
public final class InfluxQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private InfluxQuery() {}

    /** The {@code values} rows of the first series of the first result ([] when none). */
    public static List<JsonNode> rows(String influxUrl, String database, String influxQl) {
        JsonNode series = query(influxUrl, database, influxQl).path("results").path(0).path("series").path(0);
        List<JsonNode> rows = new ArrayList<>();
        series.path("values").forEach(rows::add);
        return rows;
    }

    public static long count(String influxUrl, String database, String influxQl) {
        List<JsonNode> rows = rows(influxUrl, database, influxQl);
        return rows.isEmpty() ? 0 : rows.get(0).path(1).asLong();
    }

    public static JsonNode query(String influxUrl, String database, String influxQl) {
        String uri = influxUrl + "/query?epoch=ms&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
