package org.firehub.app.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The hub's REST API as the operator CLI uses it: JSON in and out, errors as exceptions with the hub's words. */
public final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;
    private String token;

    public HubClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Logs in; later calls carry the session token. */
    public void login(String username, String password) {
        JsonNode answer = send("POST", "/api/v1/login", "application/json",
                json(Map.of("username", username, "password", password)));
        token = answer.path("token").asText(null);
        if (token == null) throw new HubRefused(200, "the hub's login answer had no token", List.of());
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    public JsonNode postJson(String path, Object body) {
        return send("POST", path, "application/json", json(body));
    }

    public JsonNode patchJson(String path, Object body) {
        return send("PATCH", path, "application/json", json(body));
    }

    public JsonNode put(String path) {
        return send("PUT", path, null, null);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, null);
    }

    public JsonNode postCsv(String path, String csv) {
        return send("POST", path, "text/csv; charset=utf-8", csv);
    }

    /** GETs a file (a QR image, a PDF): its bytes on 2xx, else the hub's JSON error as {@link HubRefused}. */
    public byte[] download(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw refusal(response.statusCode(), parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new HubUnreachable("cannot reach the hub at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnreachable("interrupted while talking to the hub at " + base, e);
        }
    }

    private JsonNode send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) throw refusal(response.statusCode(), answer);
        return answer;
    }

    private static HubRefused refusal(int status, JsonNode answer) {
        String error = answer.path("error").asText("HTTP " + status);
        List<String> details = new ArrayList<>();
        answer.path("problems").forEach(p -> details.add("line " + p.path("line").asText() + ": " + p.path("reason").asText()));
        answer.path("details").forEach(d -> details.add(d.has("field")
                ? d.path("field").asText() + ": " + d.path("reason").asText() : d.toString()));
        return new HubRefused(status, error, details);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("error", "the hub answered with something that is not JSON");
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request as JSON", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
