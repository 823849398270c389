package org.firehub.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.alarms.AlarmChanges;
import org.firehub.alarms.AlarmScopes;
import org.firehub.alarms.CommitListeners;
import org.firehub.alarms.PgAlarmStore;
import org.firehub.alarms.web.AlarmFeed;
import org.firehub.alarms.web.AlarmRoutes;
import org.firehub.auth.CachingDeviceAuthenticator;
import org.firehub.auth.PgPskDirectory;
import org.firehub.auth.PskDerivation;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.device.PgDeviceDirectory;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.bridge.Bridges;
import org.firehub.ingest.coap.CoapIngestServer;
import org.firehub.ingest.coap.CoapSettings;
import org.firehub.ingest.carrier.CarrierConfig;
import org.firehub.ingest.carrier.CarrierRoutes;
import org.firehub.ingest.http.HttpIngestRoutes;
import org.firehub.ingest.bridge.BridgesConfig;
import org.firehub.metrics.Metrics;
import org.firehub.notify.NotificationRoutes;
import org.firehub.notify.Notifications;
import org.firehub.notify.NotificationsConfig;
import org.firehub.people.AccessScopes;
import org.firehub.people.AdminBootstrap;
import org.firehub.people.PasswordHasher;
import org.firehub.people.PgAccessScopes;
import org.firehub.people.SessionService;
import org.firehub.people.web.PeopleRoutes;
import org.firehub.people.SessionSettings;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.rules.catalogue.RuleCatalogueLoader;
import org.firehub.rules.engine.RuleEngine;
import org.firehub.rules.catalogue.RuleCatalogueWatcher;
import org.firehub.rules.catalogue.RuleRoutes;
import org.firehub.runtime.EmbeddedRuntime;
import org.firehub.console.ConsoleRoutes;
import org.firehub.console.ReadingQuery;
import org.firehub.console.ReadingRoutes;
import org.firehub.publicpage.FormSecret;
import org.firehub.publicpage.PublicPage;
import org.firehub.publicpage.PublicPageSettings;
import org.firehub.qr.QrRoutes;
import org.firehub.qr.QrSheet;
import org.firehub.qr.SheetFonts;
import org.firehub.risk.RiskRoutes;
import org.firehub.risk.RiskRulesFile;
import org.firehub.risk.RiskService;
import org.firehub.runtime.InfluxSettings;
import org.firehub.spool.Spool;
import org.firehub.spool.SpoolConfig;
import org.firehub.tickets.TicketPolicyFile;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.escalation.EscalationJob;
import org.firehub.tickets.escalation.EscalationSettings;
import org.firehub.tickets.evidence.EvidencePolicyFile;
import org.firehub.tickets.evidence.TicketEvidence;
import org.firehub.tickets.web.AssigneeRoutes;
import org.firehub.tickets.web.EvidenceRoutes;
import org.firehub.tickets.web.FigureRoutes;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.timeseries.InfluxWriter;
import org.firehub.web.ApiErrors;
import org.firehub.web.ApiRouter;
import org.firehub.web.ApiServices;
import org.firehub.web.BearerAuth;
import org.firehub.web.OpenApiDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: the one place where transports, stores and the web meet. Start-up is
 * blocking and ordered (servers, schema, spool, then listeners), so the hub takes no traffic
 * before every part it needs is there; shutdown runs in the reverse order, stopping traffic
 * first and the databases last.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final long START_TIMEOUT_SECONDS = 120;

    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private HttpServer httpServer;
    private Router router;
    private int httpPort;
    private final List<Integer> mqttPorts = new ArrayList<>();

    private Hub() {}

    public static Hub start(HubConfig config) throws Exception {
        Hub hub = new Hub();
        try {
            hub.startParts(config);
            return hub;
        } catch (Exception e) {
            hub.close();
            throw e;
        }
    }

    private void startParts(HubConfig config) throws Exception {
        PrometheusMeterRegistry meters = Metrics.createRegistry();
        DeviceKindCatalogue kinds = DeviceKindCatalogue.load(config.configDir().resolve("device-kinds.yaml"));

        EmbeddedRuntime runtime = EmbeddedRuntime.start(config.values(), meters);
        closeInReverse.add(runtime);
        Spool spool = startSpool(config, runtime.influx(), meters);

        Vertx vertx = Vertx.vertx();
        closeInReverse.add(() -> await(vertx.close()));
        // A bad rule file stops the start here, naming its lines; later edits reload live.
        RuleCatalogueWatcher rules = RuleCatalogueWatcher.start(vertx,
                new RuleCatalogueLoader(config.configDir().resolve("rules.yaml"), kinds, Clock.systemUTC()), meters);
        closeInReverse.add(rules);
        Pool pool = runtime.pg().pool(vertx, config.intValue("FIREHUB_PG_POOL_SIZE", 16));
        closeInReverse.add(() -> await(pool.close()));

        // Who sees which venues: grid memberships, leadership and ownership, read on every request.
        AccessScopes scopes = new PgAccessScopes(pool);
        Alarms alarms = startAlarms(config, vertx, pool, scopes, runtime.influx(), meters);
        // The engine loads active alarms and device presence before the first message reaches it.
        RuleEngine ruleEngine = await(RuleEngine.create(vertx, pool, rules, alarms.store(), Clock.systemUTC(), meters));
        closeInReverse.add(() -> await(ruleEngine.close()));

        IngestMetrics ingestMetrics = new IngestMetrics(meters);
        DefaultIngestor ingestor = DefaultIngestor.create(vertx, kinds, spool, ingestMetrics, Clock.systemUTC(), ruleEngine);
        CachingDeviceAuthenticator deviceAuth =
                CachingDeviceAuthenticator.create(vertx, new PgDeviceDirectory(pool)::findCredentials, meters);

        PasswordHasher hasher = new PasswordHasher(vertx, meters);
        closeInReverse.add(hasher);
        UserRepository users = new UserRepository(pool);
        AdminBootstrap.Outcome admin = await(new AdminBootstrap(users, hasher, System.out)
                .ensureAdmin(config.get("FIREHUB_ADMIN_PASSWORD")));
        log.info("operators: {}", admin);

        String bindHost = config.bindHost();
        String publicUrl = config.get("FIREHUB_PUBLIC_URL", "http://localhost:" + config.httpPort());
        VenueService venues = new VenueService(pool, publicUrl, meters);
        PskDerivation psks = PskDerivation.resolve(config.home(), config.get("FIREHUB_PSK_KEY").orElse(null));
        CoapIngestServer coap = CoapIngestServer.create(vertx,
                CoapSettings.defaults().withListeners(bindHost, config.coapPort(), config.coapsPort()),
                deviceAuth, new PgPskDirectory(pool), psks, ingestor, ingestMetrics, meters);
        DeviceRegistration devices = new DeviceRegistration(pool, kinds, meters, id -> {
            deviceAuth.invalidate(id);
            coap.registered(id);
            ruleEngine.registered(id);
        }, psks, coap);
        SessionService sessions = new SessionService(pool, hasher, meters, SessionSettings.from(config.values()));
        ApiServices api = new ApiServices(sessions, venues, devices, new CsvImporter(vertx, pool, venues, devices));

        String mqttDeployment = await(MqttListeners.deploy(config, vertx, deviceAuth, ingestor, ingestMetrics, meters, mqttPorts));
        closeInReverse.add(() -> await(vertx.undeploy(mqttDeployment)));
        coap.start();
        closeInReverse.add(coap::stop);

        // Bridges subscribe to external brokers; started from this thread so each gets its own context.
        Bridges bridges = Bridges.start(vertx,
                BridgesConfig.fromEnvironment(config.values(), config.configDir().resolve("bridges.yaml")),
                ingestor, deviceAuth.cachedLookup(), ingestMetrics, meters);
        closeInReverse.add(() -> await(bridges.close()));

        // HTTP last: once /health answers, every listener is up.
        HealthCheck health = new HealthCheck(List.of(
                new HealthCheck.Part("postgresql", () -> pool.query("SELECT 1").execute().mapEmpty()),
                new HealthCheck.Part("influxdb", new InfluxHealth(vertx, runtime.influx().url(), runtime::influxDatabaseReady, spool)::check),
                new HealthCheck.Part("spool", () -> spoolHealth(spool)),
                new HealthCheck.Part("bridges", bridges::check)));
        router = Router.router(vertx);
        // Device and carrier ingest before ApiRouter, whose /api/v1 error handler would answer first.
        HttpIngestRoutes.mount(router, deviceAuth, ingestor, ingestMetrics, meters);
        CarrierConfig carriers = CarrierConfig.load(config.configDir().resolve("carriers.yaml"), key -> config.get(key).orElse(null));
        CarrierRoutes.mount(router, vertx, carriers, deviceAuth.cachedLookup(), ingestor, ingestMetrics, meters);
        router.get("/health").handler(health::handle);
        router.get("/metrics").handler(Metrics.scrapeHandler(meters));
        ApiRouter.mount(router, api, scopes, meters);
        // The admin routes have already deleted the sessions' rows; this drops them from the cache.
        PeopleRoutes.mount(router, pool, hasher, new BearerAuth(sessions), userId -> sessions.revokeAll(userId)
                .onFailure(failure -> log.warn("sessions of user {} not dropped from the cache: {}", userId, failure.toString())), meters);
        AlarmRoutes.mount(router, alarms.store(), alarms.feed(), AlarmScopes.from(scopes), sessions);
        NotificationRoutes.mount(router, alarms.notifications(), new BearerAuth(sessions));
        RuleRoutes.mount(router, rules, new BearerAuth(sessions));
        TicketRoutes.mount(router, alarms.tickets(), new BearerAuth(sessions), Clock.systemUTC());
        AssigneeRoutes.mount(router, pool, alarms.tickets(), new BearerAuth(sessions));
        EvidenceRoutes.mount(router, alarms.evidence().photos(alarms.tickets()), new BearerAuth(sessions));
        FigureRoutes.mount(router, pool, scopes, new BearerAuth(sessions), alarms.tickets().policy().zone(), Clock.systemUTC());
        RiskService risk = RiskService.create(pool, RiskRulesFile.load(config.configDir().resolve("risk.yaml")),
                Clock.systemUTC(), meters);
        RiskRoutes.mount(router, pool, risk, scopes, new BearerAuth(sessions));
        PublicPage.mount(router, vertx, pool, risk, alarms.tickets(), PublicPageSettings.defaults(
                FormSecret.load(config.get("FIREHUB_FORM_SECRET").orElse(null), config.home()),
                Files.createDirectories(config.home().resolve("uploads")))
                .withMinFillTime(Duration.ofMillis(config.longValue("FIREHUB_REPORT_MIN_FILL_MS", 3_000))), meters);
        QrRoutes.mount(router, venues, scopes, new BearerAuth(sessions),
                new QrSheet(SheetFonts.from(config.get(SheetFonts.ENVIRONMENT_KEY).map(Path::of))), Clock.systemDefaultZone(), meters);
        ConsoleRoutes.mount(router, sessions::authenticate);
        ReadingRoutes.mount(router, pool, scopes,
                new ReadingQuery(vertx, runtime.influx(), config.get("FIREHUB_INFLUX_RETENTION_POLICY", "autogen")),
                new BearerAuth(sessions), Clock.systemUTC());
        OpenApiDocument.mount(router);
        // Unknown API paths and methods answer JSON like every other API error, not HTML.
        for (int status : new int[] {404, 405}) {
            router.errorHandler(status, ctx -> {
                if (ctx.request().path().startsWith("/api/")) ApiErrors.respond(ctx, status, ApiErrors.bodyForStatus(status));
                else ctx.response().setStatusCode(status).end();
            });
        }
        startHttp(vertx, router, config.httpPort(), bindHost);
        log.info("firehub ready: HTTP {}:{}, MQTT {} (plain, TLS), PostgreSQL {}{}, InfluxDB {}{}",
                bindHost, httpPort, mqttPorts, runtime.pg(), runtime.postgresEmbedded() ? " (embedded)" : "",
                runtime.influx(), runtime.influxEmbedded() ? " (embedded)" : "");
    }

    /** The spool and its drainer into InfluxDB: running before any listener takes a reading. */
    private Spool startSpool(HubConfig config, InfluxSettings influx, PrometheusMeterRegistry meters) throws Exception {
        InfluxWriter influxWriter = InfluxWriter.create(influx.url(), influx.user(), influx.password(), influx.database(),
                config.get("FIREHUB_INFLUX_RETENTION_POLICY", "autogen"));
        closeInReverse.add(influxWriter::close);
        SpoolConfig spoolConfig = SpoolConfig.defaults(config.home().resolve("spool"))
                .withMaxBytes(config.longValue("FIREHUB_SPOOL_MAX_BYTES", SpoolConfig.DEFAULT_MAX_BYTES));
        Spool spool = Spool.open(spoolConfig, influxWriter, meters);
        closeInReverse.add(spool);
        spool.start();
        return spool;
    }

    /** The alarm store, its live feed, outbound notifications and the tickets alarms open. */
    private record Alarms(PgAlarmStore store, AlarmFeed feed, Notifications notifications, TicketService tickets,
                          TicketEvidence evidence) {}

    private Alarms startAlarms(HubConfig config, Vertx vertx, Pool pool, AccessScopes scopes, InfluxSettings influx,
                               PrometheusMeterRegistry meters) throws Exception {
        Path ticketsYaml = config.configDir().resolve("tickets.yaml");
        // One clock for tickets, their evidence checks and escalation: "now" must agree.
        Clock clock = Clock.systemUTC();
        TicketEvidence evidence = TicketEvidence.create(vertx, pool, influx,
                config.get("FIREHUB_INFLUX_RETENTION_POLICY", "autogen"), EvidencePolicyFile.load(ticketsYaml), clock, meters);
        closeInReverse.add(evidence);
        TicketService tickets = TicketService.create(vertx, pool, scopes, TicketPolicyFile.load(ticketsYaml), clock,
                evidence.guard(), meters);
        closeInReverse.add(tickets::close);
        NotificationsConfig notifyConfig = NotificationsConfig.load(
                config.configDir().resolve("notifications.yaml"), key -> config.get(key).orElse(null));
        Notifications notifications = Notifications.create(vertx, pool, notifyConfig, meters);
        await(notifications.start());
        closeInReverse.add(() -> await(notifications.stop()));
        AlarmChanges changes = AlarmChanges.create(vertx, meters);
        // A raise opens its ticket (or counts an occurrence) and queues its notification in the
        // alarm's own transaction; acknowledgements and comments are notified after commit.
        PgAlarmStore store = await(PgAlarmStore.start(vertx, pool, changes,
                CommitListeners.all(List.of(notifications.alarmCommitListener(), tickets.alarmListener())), meters));
        closeInReverse.add(store);
        changes.subscribe("webhooks", notifications.alarmListener(false));
        AlarmFeed feed = AlarmFeed.start(vertx, changes, meters);
        closeInReverse.add(feed);
        EscalationJob escalation = EscalationJob.start(vertx, pool, notifications, EscalationSettings.load(ticketsYaml),
                clock, meters);
        closeInReverse.add(escalation);
        return new Alarms(store, feed, notifications, tickets, evidence);
    }

    private void startHttp(Vertx vertx, Router router, int port, String bindHost) throws Exception {
        httpServer = vertx.createHttpServer().requestHandler(router);
        httpPort = await(httpServer.listen(port, bindHost)).actualPort();
        closeInReverse.add(() -> await(httpServer.close()));
    }

    private static Future<Void> spoolHealth(Spool spool) {
        long max = spool.config().maxBytes();
        // Past 90 % the hub is about to push devices back: say so before it happens.
        if (spool.bytes() > max * 0.9) {
            return Future.failedFuture("spool at %d of %d bytes; devices are being pushed back".formatted(spool.bytes(), max));
        }
        return Future.succeededFuture();
    }

    /** The HTTP routes this hub serves (OpenApiContractTest compares them with the API description). */
    public List<Route> routes() {
        return router.getRoutes();
    }

    public int httpPort() {
        return httpPort;
    }

    public List<Integer> mqttPorts() {
        return List.copyOf(mqttPorts);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Stops traffic first (listeners), then flushes the spool, then the stores. */
    @Override
    public void close() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                log.warn("shutdown step {} failed: {}", i, e.toString());
            }
        }
        closeInReverse.clear();
    }
}
