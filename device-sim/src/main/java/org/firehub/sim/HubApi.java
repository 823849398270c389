package org.firehub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few calls of the hub's operator REST API that the simulator needs. */
final class HubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String bearer;

    HubApi(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    void login(String username, String password) throws IOException {
        bearer = post("/api/v1/login", Map.of("username", username, "password", password), 200).path("token").asText();
    }

    /** The operator's bearer token after {@link #login}, for calls this class does not make (the live feed). */
    String bearer() {
        return bearer;
    }

    JsonNode createVenue(String name, String address, String type, String grid) throws IOException {
        return post("/api/v1/venues", Map.of("name", name, "address", address, "type", type, "grid", grid), 201);
    }

    JsonNode createDevice(String deviceId, String kind, long venueId) throws IOException {
        return post("/api/v1/devices", Map.of("deviceId", deviceId, "kind", kind, "venueId", venueId), 201);
    }

    /** Registers many devices in one transaction; answers {@code {imported, devices:[{deviceId, token}]}}. */
    JsonNode importDevices(String csv) throws IOException {
        return send("/api/v1/import/devices", "text/csv", csv, 201);
    }

    private JsonNode post(String path, Map<String, ?> body, int expectedStatus) throws IOException {
        return send(path, "application/json", JSON.writeValueAsString(body), expectedStatus);
    }

    private JsonNode send(String path, String contentType, String body, int expectedStatus) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + path, e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
