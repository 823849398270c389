package org.firehub.tickets.evidence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.firehub.runtime.InfluxSettings;

/**
 * InfluxQL queries over InfluxDB's v1 HTTP API with Vert.x's own client: asynchronous, so a slow
 * InfluxDB holds no thread. Any failure (unreachable, timeout, an error status or an error in
 * the result) fails the future; callers decide what "cannot ask" means for them.
 */
final class InfluxReadings implements AutoCloseable {
    private static final long TIMEOUT_MS = 5000;

    private final HttpClient http;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String basePath;
    private final InfluxSettings settings;

    InfluxReadings(Vertx vertx, InfluxSettings settings) {
        URI uri = URI.create(settings.url());
        this.settings = settings;
        this.tls = "https".equals(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 8086);
        this.basePath = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setConnectTimeout((int) TIMEOUT_MS));
    }

    /** Runs {@code statements} (InfluxQL, joined by ';') and returns each statement's result object, in order. */
    Future<List<JsonObject>> query(List<String> statements) {
        String q = String.join("; ", statements);
        String uri = basePath + "/query?epoch=ms&db=" + encode(settings.database()) + "&q=" + encode(q);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setSsl(tls)
                .setURI(uri).setTimeout(TIMEOUT_MS);
        if (settings.user() != null) {
            String credentials = settings.user() + ":" + (settings.password() == null ? "" : settings.password());
            options.putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + abbreviated(body.toString()));
                    }
                    JsonArray results = body.toJsonObject().getJsonArray("results", new JsonArray());
                    List<JsonObject> list = new ArrayList<>(results.size());
                    for (int i = 0; i < results.size(); i++) {
                        JsonObject result = results.getJsonObject(i);
                        if (result.containsKey("error")) throw new IllegalStateException("InfluxDB: " + result.getString("error"));
                        list.add(result);
                    }
                    if (list.size() != statements.size()) {
                        throw new IllegalStateException("InfluxDB answered " + list.size() + " results for " + statements.size() + " statements");
                    }
                    return list;
                }));
    }

    /** An InfluxQL string literal: backslash and single quote escaped, so a device id cannot end the string. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** An InfluxQL identifier in double quotes, escaped the same way. */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The {@code values} rows of a result's first series; empty when the query matched nothing. */
    static JsonArray values(JsonObject result) {
        JsonArray series = result.getJsonArray("series");
        if (series == null || series.isEmpty()) return new JsonArray();
        return series.getJsonObject(0).getJsonArray("values", new JsonArray());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        http.close();
    }
}
