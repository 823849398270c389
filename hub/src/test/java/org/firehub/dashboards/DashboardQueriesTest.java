package org.firehub.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.InfluxQuery;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana cannot run here, so this test does what Grafana would: it reads every dashboard,
 * interpolates every panel's and variable's query, and sends it to a real InfluxDB and a real
 * Prometheus that hold what a real hub stored and exposed for a small simulated town. Every
 * query must parse and draw at least one value; a failure names dashboard, panel and query.
 */
class DashboardQueriesTest {
    /** Not the datasource's {@code firehub}: other test classes share this influxd. */
    private static final String INFLUX_DB = "firehub_dashboards";
    private static final Duration DATA_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    private static HubProcess hub;
    private static TestPrometheus prometheus;
    private static SimulatedTown town;
    private static String influxUrl;
    private static final ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulated-town");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicReference<Throwable> chatterFailure = new AtomicReference<>();

    @BeforeAll
    static void feedATown() throws Exception {
        influxUrl = TestInflux.shared().url();
        hub = HubProcess.create(home.resolve("hub"), TestPostgres.shared().newDatabase("dash"), influxUrl)
                .with("FIREHUB_INFLUX_DB", INFLUX_DB).start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        prometheus = TestPrometheus.scraping("127.0.0.1:" + hub.httpPort(), home.resolve("prometheus"));
        // rate() needs a sample before the traffic and one after it: publish only once the hub was scraped.
        Await.until("prometheus to scrape the hub", DATA_DEADLINE,
                () -> QueryAnswers.prometheusValues(prometheus.query("up{job=\"firehub\"} == 1")) == 1);
        town = SimulatedTown.register(hub);
        for (int round = 1; round <= 6; round++) town.publishRound(round);
        town.publishRejected();
        Await.until("every reading in InfluxDB", DATA_DEADLINE, () -> InfluxQuery.count(influxUrl, INFLUX_DB,
                "SELECT count(\"battery_pct\") FROM readings WHERE device_id = '" + SimulatedTown.SHED_SMOKE + "'") == 6);
        keepTalking();
    }

    /**
     * A live town keeps talking: without traffic in the last minute, rate()-based panels such as
     * the write latency (sum/count) turn into 0/0 = NaN, and would fail on a slow machine.
     */
    private static void keepTalking() {
        AtomicInteger seq = new AtomicInteger(6);
        chatter.scheduleWithFixedDelay(() -> {
            try {
                town.publishRound(seq.incrementAndGet());
                if (seq.get() % 5 == 0) town.publishRejected();
            } catch (Exception | AssertionError e) {
                chatterFailure.compareAndSet(null, e);
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        chatter.shutdown(); // no interrupt: a publish in flight completes rather than failing
        chatter.awaitTermination(10, TimeUnit.SECONDS);
        if (town != null) town.close();
        if (prometheus != null) prometheus.close();
        if (hub != null) hub.close();
        if (chatterFailure.get() != null) throw new AssertionError("the simulated town failed to publish", chatterFailure.get());
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryDrawsData() {
        List<DynamicTest> tests = new ArrayList<>();
        DashboardFiles.dashboards().forEach((file, dashboard) -> {
            GrafanaMacros macros = resolveVariables(dashboard);
            for (PanelQuery query : DashboardFiles.panelQueries(dashboard)) {
                tests.add(DynamicTest.dynamicTest(file + ": " + query.panel(), () -> assertDrawsData(query, macros)));
            }
        });
        return tests.stream();
    }

    @Test
    void venueVariablesOfferTheVenuesAndTheChosenVenuesDevices() {
        JsonNode venue = DashboardFiles.dashboards().get("venue.json");
        List<PanelQuery> variables = DashboardFiles.variableQueries(venue);
        assertThat(variables).extracting(PanelQuery::panel).containsExactly("variable $venue", "variable $device");
        GrafanaMacros macros = new GrafanaMacros();
        assertThat(tagValues(variables.get(0), macros))
                .contains(Long.toString(town.noodleVenue()), Long.toString(town.shedVenue()));
        macros.set("venue", Long.toString(town.noodleVenue()));
        assertThat(tagValues(variables.get(1), macros)).containsExactlyElementsOf(SimulatedTown.noodleDevices());
    }

    @Test
    void venuePanelsShowOnlyTheChosenVenue() {
        GrafanaMacros macros = new GrafanaMacros().set("venue", Long.toString(town.shedVenue()))
                .setMulti("device", List.of(SimulatedTown.SHED_SMOKE, SimulatedTown.SHED_WATER));
        PanelQuery gas = panel("venue.json", "Combustible gas");
        assertThat(runInflux(gas, macros).values()).as("the bike shed has no gas detector: %s", gas).isZero();
        PanelQuery smoke = panel("venue.json", "Smoke obscuration");
        List<String> devices = new ArrayList<>();
        InfluxQuery.query(influxUrl, INFLUX_DB, macros.interpolate(smoke)).path("results").path(0).path("series")
                .forEach(s -> devices.add(s.path("tags").path("device_id").asText()));
        assertThat(devices).as("the noodle house's smoke detector stays out of the bike shed's panel").containsExactly(SimulatedTown.SHED_SMOKE);
    }

    @Test
    void rejectionPanelShowsTheRefusedBodyByReason() {
        PanelQuery rejections = panel("hub-operations.json", "Rejections by reason");
        Await.until("a positive unknown_reading rate from " + rejections, DATA_DEADLINE, () -> {
            for (JsonNode series : prometheus.query(new GrafanaMacros().interpolate(rejections)).path("data").path("result")) {
                if (series.path("metric").path("reason").asText().equals("unknown_reading")) {
                    return Double.parseDouble(series.path("value").path(1).asText()) > 0;
                }
            }
            return false;
        });
    }

    /** The latency panels rely on the exposition types: sum/count of a summary, buckets of a histogram. */
    @Test
    void latencyPanelsMatchTheScrapedMetricTypes() {
        String scrape = hub.get("/metrics").body();
        assertThat(scrape).contains("# TYPE firehub_influx_write_seconds summary", "# TYPE firehub_influx_write_seconds_max gauge",
                "# TYPE firehub_ingest_commit_seconds histogram", "# TYPE firehub_spool_lag_seconds gauge");
    }

    @Test
    void devicesReportingByKindCountsDistinctDevices() {
        JsonNode answer = InfluxQuery.query(influxUrl, INFLUX_DB,
                new GrafanaMacros().interpolate(panel("town-overview.json", "Devices reporting by kind")));
        Map<String, Long> byKind = new java.util.TreeMap<>();
        answer.path("results").path(0).path("series").forEach(s -> byKind.put(s.path("tags").path("kind").asText(),
                s.path("values").path(0).path(1).asLong()));
        assertThat(byKind).containsExactlyInAnyOrderEntriesOf(Map.of("smoke", 2L, "gas", 1L, "electrical", 1L, "water", 1L));
    }

    @Test
    void thresholdsFromTheStandardsAreDrawn() {
        JsonNode venue = DashboardFiles.dashboards().get("venue.json");
        Map<String, List<Double>> expected = Map.of("Combustible gas", List.of(25.0, 50.0), "Residual current", List.of(300.0),
                "Cable temperature", List.of(85.0));
        expected.forEach((title, levels) -> {
            JsonNode panel = DashboardFiles.panels(venue).stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                    .orElseThrow(() -> new AssertionError("no panel " + title));
            JsonNode defaults = panel.path("fieldConfig").path("defaults");
            List<Double> steps = new ArrayList<>();
            defaults.path("thresholds").path("steps").forEach(s -> { if (!s.path("value").isNull()) steps.add(s.path("value").asDouble()); });
            assertThat(steps).as(title).isEqualTo(levels);
            assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText()).as(title).isNotEqualTo("off");
        });
    }

    @Test
    void panelsUseProvisionedDatasourcesAndUniqueIds() {
        Map<String, String> datasources = DashboardFiles.provisionedDatasources();
        assertThat(datasources).containsEntry("firehub-influx", "influxdb").containsEntry("firehub-prometheus", "prometheus");
        assertThat(DashboardFiles.provisioning("datasources").path("datasources").findValuesAsText("dbName")).containsExactly("firehub");
        Map<String, JsonNode> dashboards = DashboardFiles.dashboards();
        assertThat(dashboards).containsOnlyKeys("town-overview.json", "venue.json", "hub-operations.json");
        int panels = 0;
        Set<String> uids = new HashSet<>();
        for (var entry : dashboards.entrySet()) {
            JsonNode dashboard = entry.getValue();
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique dashboard uid in " + entry.getKey()).isTrue();
            assertThat(dashboard.path("schemaVersion").asInt()).as(entry.getKey()).isBetween(36, 41);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : DashboardFiles.panels(dashboard)) {
                panels++;
                assertThat(ids.add(panel.path("id").asInt())).as("unique id of panel " + panel.path("title") + " in " + entry.getKey()).isTrue();
                assertThat(panel.path("targets").size()).as("targets of " + panel.path("title")).isPositive();
            }
            List<PanelQuery> queries = new ArrayList<>(DashboardFiles.panelQueries(dashboard));
            queries.addAll(DashboardFiles.variableQueries(dashboard));
            for (PanelQuery query : queries) {
                assertThat(datasources).as("datasource of " + query).containsEntry(query.datasourceUid(), query.datasourceType());
                assertThat(query.text()).as("query of " + query).isNotBlank();
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(8);
        JsonNode provider = DashboardFiles.provisioning("dashboards").path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isNotBlank();
    }

    /** The checks above must be able to fail: wrong names, bad syntax and undefined variables are caught. */
    @Test
    void brokenQueriesAreCaught() {
        GrafanaMacros macros = new GrafanaMacros();
        PanelQuery unknownField = influx("SELECT mean(\"no_such_reading\") FROM \"readings\" WHERE $timeFilter GROUP BY time($__interval)");
        assertThat(runInflux(unknownField, macros)).isEqualTo(new Outcome(null, 0));
        assertThat(runInflux(influx("SELECT mean( FROM readings"), macros).error()).contains("error parsing query");
        assertThat(runPrometheus(prom("rate(firehub_no_such_metric_total[$__rate_interval])"), macros)).isEqualTo(new Outcome(null, 0));
        assertThat(runPrometheus(prom("sum by (transport (firehub_spool_depth)"), macros).error()).contains("parse error");
        assertThatThrownBy(() -> macros.interpolate(influx("SELECT mean(\"x\") FROM readings WHERE venue_id =~ /^$vneue$/")))
                .hasMessageContaining("undefined variable $vneue");
    }

    @Test
    void interpolationFollowsGrafana() {
        GrafanaMacros macros = new GrafanaMacros().set("venue", "7").setMulti("device", List.of("a.b", "c"));
        assertThat(macros.interpolate(influx("SELECT x FROM r WHERE v =~ /^$venue$/ AND d =~ /^${device}$/ AND $timeFilter GROUP BY time($__interval)")))
                .isEqualTo("SELECT x FROM r WHERE v =~ /^7$/ AND d =~ /^(a\\.b|c)$/ AND time > now() - 1h GROUP BY time(10s)");
        assertThat(macros.interpolate(prom("rate(x[$__rate_interval])"))).isEqualTo("rate(x[1m])");
    }

    /** Runs the dashboard's variable queries in order, choosing the noodle house and all of its devices. */
    private static GrafanaMacros resolveVariables(JsonNode dashboard) {
        GrafanaMacros macros = new GrafanaMacros();
        Map<String, Function<List<String>, String>> choices = Map.of("venue", values -> Long.toString(town.noodleVenue()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            PanelQuery query = DashboardFiles.variableQueries(dashboard).stream()
                    .filter(q -> q.panel().equals("variable $" + name)).findFirst().orElseThrow();
            List<String> values = Await.value(query + " to offer values", DATA_DEADLINE, () -> tagValues(query, macros), v -> !v.isEmpty());
            if (variable.path("multi").asBoolean() || variable.path("includeAll").asBoolean()) {
                macros.setMulti(name, values);
            } else {
                String chosen = choices.getOrDefault(name, List::getFirst).apply(values);
                assertThat(values).as(query.toString()).contains(chosen);
                macros.set(name, chosen);
            }
        }
        return macros;
    }

    private static void assertDrawsData(PanelQuery query, GrafanaMacros macros) {
        Function<PanelQuery, Outcome> run = query.influx() ? q -> runInflux(q, macros) : q -> runPrometheus(q, macros);
        assertThat(query.influx() || query.prometheus()).as("datasource type of " + query).isTrue();
        // Data arrives asynchronously (spool drain, 1 s scrapes); a server error will not heal, so it fails at once.
        Await.value("data for " + query + " (interpolated: " + macros.interpolate(query) + ")", DATA_DEADLINE, () -> run.apply(query),
                outcome -> {
                    if (outcome.error() != null) throw new AssertionError(query + " failed: " + outcome.error());
                    return outcome.values() > 0;
                });
    }

    record Outcome(String error, int values) {}

    private static Outcome runInflux(PanelQuery query, GrafanaMacros macros) {
        JsonNode answer = InfluxQuery.query(influxUrl, INFLUX_DB, macros.interpolate(query));
        return new Outcome(QueryAnswers.influxError(answer), QueryAnswers.influxValues(answer));
    }

    private static Outcome runPrometheus(PanelQuery query, GrafanaMacros macros) {
        JsonNode answer = prometheus.query(macros.interpolate(query));
        return new Outcome(QueryAnswers.prometheusError(answer), QueryAnswers.prometheusValues(answer));
    }

    private static List<String> tagValues(PanelQuery query, GrafanaMacros macros) {
        JsonNode answer = InfluxQuery.query(influxUrl, INFLUX_DB, macros.interpolate(query));
        String error = QueryAnswers.influxError(answer);
        if (error != null) throw new AssertionError(query + " failed: " + error);
        List<String> values = new ArrayList<>();
        answer.path("results").path(0).path("series").forEach(s -> s.path("values").forEach(v -> values.add(v.path(1).asText())));
        return values;
    }

    private static PanelQuery panel(String file, String title) {
        return DashboardFiles.panelQueries(DashboardFiles.dashboards().get(file)).stream()
                .filter(q -> q.panel().equals(title)).findFirst().orElseThrow(() -> new AssertionError("no panel " + title + " in " + file));
    }

    private static PanelQuery influx(String text) {
        return new PanelQuery("test", "test", "influxdb", "firehub-influx", text);
    }

    private static PanelQuery prom(String text) {
        return new PanelQuery("test", "test", "prometheus", "firehub-prometheus", text);
    }
}
