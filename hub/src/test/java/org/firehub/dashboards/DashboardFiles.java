package org.firehub.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The repository's Grafana dashboards and provisioning files, read the way Grafana reads them. */
final class DashboardFiles {
    /** Tests run with {@code hub/} as working directory. */
    static final Path DIR = Path.of("..", "dashboards").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DashboardFiles() {}

    /** Every {@code *.json} dashboard in the folder, by file name. */
    static Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                dashboards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading dashboards in " + DIR, e);
        }
        return dashboards;
    }

    /** The datasources the provisioning file defines: uid to type. */
    static Map<String, String> provisionedDatasources() {
        Map<String, String> uids = new TreeMap<>();
        provisioning("datasources").path("datasources").forEach(ds -> uids.put(ds.path("uid").asText(), ds.path("type").asText()));
        return uids;
    }

    static JsonNode provisioning(String kind) {
        Path file = DIR.resolve("provisioning").resolve(kind).resolve("firehub.yaml");
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Every panel of a dashboard, including those nested in (collapsed) rows; rows themselves excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            if ("row".equals(panel.path("type").asText())) {
                collect(panel.path("panels"), into);
            } else {
                into.add(panel);
            }
        }
    }

    /** Each panel target's query; a target's own datasource wins over its panel's. */
    static List<PanelQuery> panelQueries(JsonNode dashboard) {
        String title = dashboard.path("title").asText();
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                JsonNode ds = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                queries.add(new PanelQuery(title, panel.path("title").asText(), ds.path("type").asText(),
                        ds.path("uid").asText(), queryText(target)));
            }
        }
        return queries;
    }

    /** The templating variables' queries, in dashboard order (later ones may use earlier ones). */
    static List<PanelQuery> variableQueries(JsonNode dashboard) {
        String title = dashboard.path("title").asText();
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) continue;
            JsonNode ds = variable.path("datasource");
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            queries.add(new PanelQuery(title, "variable $" + variable.path("name").asText(), ds.path("type").asText(),
                    ds.path("uid").asText(), text));
        }
        return queries;
    }

    private static String queryText(JsonNode target) {
        if (target.has("expr")) return target.path("expr").asText();
        return target.path("query").asText();
    }
}
