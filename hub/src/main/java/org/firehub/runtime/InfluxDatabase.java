package org.firehub.runtime;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the hub's InfluxDB database and its default retention policy when missing, and
 * adjusts the policy's duration when the configuration changed: over the v1 HTTP API
 * ({@code POST /query}), which InfluxDB 1.x, 2.x (v1 compatibility) and 3.x serve. Idempotent.
 */
public final class InfluxDatabase {
    private static final Logger log = LoggerFactory.getLogger(InfluxDatabase.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum PolicyChange { CREATED, ALTERED, UNCHANGED }

    /** What {@link #ensure} found or did. */
    public record Outcome(String database, String retentionPolicy, RetentionDuration duration, PolicyChange change) {}

    private InfluxDatabase() {}

    /**
     * Blocking. {@code user}/{@code password} may be null (no authentication). {@code duration} is
     * {@code inf} or an InfluxQL duration ({@code 400d}); the policy becomes the database's default,
     * so writes that name no policy land in it.
     */
    public static Outcome ensure(String url, String user, String password, String database,
                                 String retentionPolicyName, String duration) throws IOException {
        requireName("database", database);
        requireName("retention policy", retentionPolicyName);
        RetentionDuration wanted;
        try {
            wanted = RetentionDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IOException("FIREHUB_INFLUX_RETENTION: " + e.getMessage(), e);
        }
        Client client = new Client(url, user, password);
        client.query("CREATE DATABASE " + quote(database));
        JsonNode policy = findPolicy(client.query("SHOW RETENTION POLICIES ON " + quote(database)), retentionPolicyName);
        String target = quote(retentionPolicyName) + " ON " + quote(database) + " DURATION " + wanted.influxQl();
        PolicyChange change;
        if (policy == null) {
            client.query("CREATE RETENTION POLICY " + target + " REPLICATION 1 DEFAULT");
            change = PolicyChange.CREATED;
        } else if (!RetentionDuration.parse(policy.get(1).asText()).equals(wanted) || !policy.get(4).asBoolean()) {
            client.query("ALTER RETENTION POLICY " + target + " SHARD DURATION " + wanted.shardDurationInfluxQl() + " DEFAULT");
            change = PolicyChange.ALTERED;
        } else {
            change = PolicyChange.UNCHANGED;
        }
        if (change != PolicyChange.UNCHANGED) {
            log.info("InfluxDB {}: retention policy {} {} with duration {}", database, retentionPolicyName,
                    change.name().toLowerCase(), wanted);
        }
        return new Outcome(database, retentionPolicyName, wanted, change);
    }

    /** The row [name, duration, shardGroupDuration, replicaN, default] of the policy, or null. */
    private static JsonNode findPolicy(JsonNode result, String name) {
        for (JsonNode series : result.path("series")) {
            for (JsonNode row : series.path("values")) {
                if (name.equals(row.get(0).asText())) return row;
            }
        }
        return null;
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("InfluxDB " + what + " name is empty");
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private record Client(String url, String user, String password) {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        @Override
        public String toString() {
            return "InfluxDB " + url + (user == null ? "" : " as " + user);
        }

        /** Runs one statement; returns its result object, or fails with InfluxDB's error. */
        JsonNode query(String statement) throws IOException {
            StringBuilder form = new StringBuilder("q=").append(encode(statement));
            if (user != null && !user.isEmpty()) {
                form.append("&u=").append(encode(user)).append("&p=").append(encode(password == null ? "" : password));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/query"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                    .build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during InfluxDB query: " + statement, e);
            } catch (IOException e) {
                throw new IOException("InfluxDB at " + url + " unreachable for '" + statement + "': " + e.getMessage(), e);
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IOException("InfluxDB at " + url + " answered '" + statement + "' with HTTP "
                        + response.statusCode() + " and no JSON: " + abbreviate(response.body()), e);
            }
            JsonNode result = body.path("results").path(0);
            String error = body.has("error") ? body.get("error").asText() : result.path("error").asText(null);
            if (response.statusCode() / 100 != 2 || error != null) {
                throw new IOException("InfluxDB at " + url + " refused '" + statement + "' (HTTP "
                        + response.statusCode() + "): " + (error != null ? error : abbreviate(response.body())));
            }
            return result;
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private static String abbreviate(String s) {
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        }
    }
}
