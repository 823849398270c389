package org.firehub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's OpenAPI description: hand-kept as YAML next to the code ({@code api/openapi.yaml}, where
 * a reviewer reads it), served as JSON at {@code GET /api/v1/openapi.json}. It is parsed once at
 * start, so a broken file stops the hub instead of serving nonsense; {@code OpenApiContractTest}
 * compares it with the router's routes so it cannot drift.
 */
public final class OpenApiDocument {
    public static final String PATH = "/api/v1/openapi.json";
    private static final String RESOURCE = "/api/openapi.yaml";

    private OpenApiDocument() {}

    /** The document as parsed from the resource. */
    public static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API description " + RESOURCE, e);
        }
    }

    /** {@code GET /api/v1/openapi.json}, public: it describes the API, it reveals no data. */
    public static void mount(Router router) {
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the API description as JSON", e);
        }
        router.get(PATH).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(json));
    }
}
