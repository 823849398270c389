package org.firehub.sim.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The hub's own view of itself, read from its Prometheus text at {@code /metrics}: the scale bench
 * compares the connections it holds with the hub's gauge, and reports the hub's heap beside its RSS.
 */
public final class PromMetrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PromMetrics() {}

    public static String scrape(String baseUrl) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException("GET /metrics answered " + response.statusCode());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading /metrics", e);
        }
    }

    /**
     * Sum of every sample of {@code name} whose label set contains {@code labelFragment} (e.g.
     * {@code area="heap"}; "" for all), or NaN if there is none, so a missing metric is visible, not 0.
     */
    public static double sum(String exposition, String name, String labelFragment) {
        double total = 0;
        boolean seen = false;
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || !line.startsWith(name)) continue;
            String rest = line.substring(name.length());
            if (!(rest.startsWith("{") || rest.startsWith(" "))) continue; // a longer name with this prefix
            String labels = rest.startsWith("{") ? rest.substring(0, rest.indexOf('}') + 1) : "";
            if (!labels.contains(labelFragment)) continue;
            String[] parts = rest.substring(labels.length()).trim().split("\\s+");
            total += Double.parseDouble(parts[0]);
            seen = true;
        }
        return seen ? total : Double.NaN;
    }
}
