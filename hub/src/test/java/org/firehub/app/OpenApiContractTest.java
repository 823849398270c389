package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.testing.HubProcess;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.firehub.web.OpenApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API description ({@code api/openapi.yaml}, served at {@code /api/v1/openapi.json}) against
 * the routes of a real hub started in this JVM: every route is described, every described
 * operation exists, every reference resolves and every path parameter is declared. A new route
 * without its description fails here, and so does a description of a route that was removed.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern VERTX_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path home;
    private static Hub hub;
    private static final JsonNode SPEC = OpenApiDocument.load();

    @BeforeAll
    static void start() throws Exception {
        var env = HubProcess.create(home, TestPostgres.shared().newDatabase("openapi"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_openapi").environment();
        hub = Hub.start(HubConfig.from(env));
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void everyApiRouteIsDescribedAndEveryDescribedOperationIsARoute() {
        Set<String> routed = new TreeSet<>();
        for (Route route : hub.routes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || route.methods() == null) continue;
            String openApiPath = VERTX_PARAM.matcher(path).replaceAll("{$1}");
            for (HttpMethod method : route.methods()) routed.add(method.name().toLowerCase(Locale.ROOT) + " " + openApiPath);
        }
        Set<String> described = new TreeSet<>();
        SPEC.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) described.add(operation.getKey() + " " + path.getKey());
        }));

        assertThat(routed).as("routes of the hub").isNotEmpty().contains("post /api/v1/login", "get /api/v1/tickets/{id}");
        assertThat(diff(routed, described)).as("routes missing from api/openapi.yaml").isEmpty();
        assertThat(diff(described, routed)).as("operations in api/openapi.yaml that no route serves").isEmpty();
    }

    @Test
    void everyOperationSaysWhatItDoesAndDeclaresItsPathParameters() {
        List<String> problems = new ArrayList<>();
        SPEC.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) return;
            String where = entry.getKey() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            if (operation.path("summary").asText("").isBlank()) problems.add(where + ": no summary");
            if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) problems.add(where + ": no tag");
            if (!operation.path("responses").isObject() || operation.path("responses").isEmpty()) problems.add(where + ": no responses");
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode resolved = resolve(parameter);
                if ("path".equals(resolved.path("in").asText())) declared.add(resolved.path("name").asText());
            }
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (m.find()) {
                if (!declared.contains(m.group(1))) problems.add(where + ": path parameter " + m.group(1) + " not declared");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectRefs(SPEC, broken);
        assertThat(broken).as("$refs that point nowhere").isEmpty();
    }

    @Test
    void theHubServesTheDescriptionAsJsonWithoutSignIn() throws Exception {
        HttpResponse<String> answer = get("/api/v1/openapi.json");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(answer.body())).isEqualTo(SPEC);
        assertThat(SPEC.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void errorsCarryAStableCodeAndAMessage() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/no-such-thing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode unknownBody = new ObjectMapper().readTree(unknown.body());
        assertThat(unknownBody.path("code").asText()).isEqualTo("not_found");
        assertThat(unknownBody.path("message").asText()).isNotBlank();

        HttpResponse<String> unsigned = get("/api/v1/tickets");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(unsigned.body());
        assertThat(body.path("code").asText()).isEqualTo("unauthorized");
        assertThat(body.path("message").asText()).isEqualTo(body.path("error").asText()).isNotBlank();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        return ref == null ? node : SPEC.at(ref.substring(1));
    }

    private static void collectRefs(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    String ref = field.getValue().asText();
                    if (!ref.startsWith("#/") || SPEC.at(ref.substring(1)).isMissingNode()) broken.add(ref);
                } else {
                    collectRefs(field.getValue(), broken);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, broken));
        }
    }
}
