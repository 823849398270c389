package org.firehub.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the hub stands on: external ones when {@code FIREHUB_PG_URL} /
 * {@code FIREHUB_INFLUX_URL} are set, otherwise an embedded PostgreSQL and a supervised influxd
 * with their data under {@code FIREHUB_HOME}. Blocking: call {@link #start} before the hub takes
 * traffic, and {@link #close} from the hub's shutdown, after traffic stopped (it stops only what
 * it started, InfluxDB first, PostgreSQL last). It registers no shutdown hook of its own, so that
 * it cannot stop the databases under a hub still draining; servers left running by a hub that
 * never called close (kill -9) are stopped by the next start.
 *
 * <p>Also applies the Flyway migrations and creates the InfluxDB database and retention policy.
 * With an external InfluxDB that is down at start the hub still starts (its spool keeps the
 * readings) and the database is created in the background once InfluxDB answers.
 *
 * <p>Keys (all optional): {@code FIREHUB_HOME} ({@code ./var}), {@code FIREHUB_PG_URL},
 * {@code FIREHUB_PG_USER}, {@code FIREHUB_PG_PASSWORD}, {@code FIREHUB_EMBEDDED_PG_PORT} (5433),
 * {@code FIREHUB_INFLUX_URL}, {@code FIREHUB_INFLUX_USER}, {@code FIREHUB_INFLUX_PASSWORD},
 * {@code FIREHUB_INFLUX_DB} ({@code firehub}), {@code FIREHUB_INFLUX_RETENTION_POLICY}
 * ({@code autogen}), {@code FIREHUB_INFLUX_RETENTION} ({@code inf}: keep everything; e.g.
 * {@code 400d}), {@code FIREHUB_EMBEDDED_INFLUX_PORT} (8086), {@code FIREHUB_EMBEDDED_INFLUX_RPC_PORT} (8088).
 */
public final class EmbeddedRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRuntime.class);

    private final PgSettings pg;
    private final InfluxSettings influx;
    private final EmbeddedPostgresServer embeddedPostgres;
    private final InfluxSupervisor embeddedInflux;
    private final Thread influxSetup;
    private final AtomicBoolean influxDatabaseReady;

    private EmbeddedRuntime(PgSettings pg, InfluxSettings influx, EmbeddedPostgresServer embeddedPostgres,
                            InfluxSupervisor embeddedInflux, Thread influxSetup, AtomicBoolean influxDatabaseReady) {
        this.pg = pg;
        this.influx = influx;
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedInflux = embeddedInflux;
        this.influxSetup = influxSetup;
        this.influxDatabaseReady = influxDatabaseReady;
    }

    public static EmbeddedRuntime start(Map<String, String> config, MeterRegistry registry) throws IOException {
        Path home = Path.of(config.getOrDefault("FIREHUB_HOME", "var")).toAbsolutePath().normalize();
        String retentionPolicy = config.getOrDefault("FIREHUB_INFLUX_RETENTION_POLICY", "autogen");
        String retention = config.getOrDefault("FIREHUB_INFLUX_RETENTION", "inf");
        try {
            RetentionDuration.parse(retention); // a typo fails the start, before anything runs
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FIREHUB_INFLUX_RETENTION: " + e.getMessage(), e);
        }
        Files.createDirectories(home);
        EmbeddedPostgresServer embeddedPostgres = null;
        InfluxSupervisor embeddedInflux = null;
        try {
            PgSettings pg;
            String pgUrl = config.get("FIREHUB_PG_URL");
            if (pgUrl != null && !pgUrl.isBlank()) {
                pg = PgSettings.fromUrl(pgUrl, config.get("FIREHUB_PG_USER"), config.get("FIREHUB_PG_PASSWORD"));
                log.info("using external PostgreSQL {}", pg);
            } else {
                embeddedPostgres = EmbeddedPostgresServer.start(home.resolve("postgres"),
                        port(config, "FIREHUB_EMBEDDED_PG_PORT", 5433));
                pg = embeddedPostgres.settings();
            }
            int applied = Migrations.migrate(pg);
            log.info("database schema up to date ({} migrations applied)", applied);

            String database = config.getOrDefault("FIREHUB_INFLUX_DB", "firehub");
            String influxUrl = config.get("FIREHUB_INFLUX_URL");
            AtomicBoolean ready = new AtomicBoolean();
            Thread setup = null;
            InfluxSettings influx;
            if (influxUrl != null && !influxUrl.isBlank()) {
                influx = new InfluxSettings(influxUrl, config.get("FIREHUB_INFLUX_USER"), config.get("FIREHUB_INFLUX_PASSWORD"), database);
                log.info("using external InfluxDB {}", influx);
                setup = Thread.ofPlatform().daemon().name("influx-database-setup")
                        .start(() -> ensureUntilDone(influx, retentionPolicy, retention, ready));
            } else {
                embeddedInflux = new InfluxSupervisor(home.resolve("influxdb"),
                        port(config, "FIREHUB_EMBEDDED_INFLUX_PORT", 8086),
                        port(config, "FIREHUB_EMBEDDED_INFLUX_RPC_PORT", 8088), registry);
                embeddedInflux.start(Duration.ofSeconds(60));
                influx = new InfluxSettings(embeddedInflux.url(), null, null, database);
                InfluxDatabase.ensure(influx.url(), null, null, database, retentionPolicy, retention);
                ready.set(true);
            }
            return new EmbeddedRuntime(pg, influx, embeddedPostgres, embeddedInflux, setup, ready);
        } catch (IOException | RuntimeException e) {
            closeQuietly(embeddedInflux, e);
            closeQuietly(embeddedPostgres, e);
            throw e;
        }
    }

    public PgSettings pg() {
        return pg;
    }

    public InfluxSettings influx() {
        return influx;
    }

    public boolean postgresEmbedded() {
        return embeddedPostgres != null;
    }

    public boolean influxEmbedded() {
        return embeddedInflux != null;
    }

    /** False until the InfluxDB database and retention policy are known to exist. */
    public boolean influxDatabaseReady() {
        return influxDatabaseReady.get();
    }

    @Override
    public void close() throws IOException {
        if (influxSetup != null) influxSetup.interrupt();
        IOException failure = null;
        for (AutoCloseable server : new AutoCloseable[] {embeddedInflux, embeddedPostgres}) {
            if (server == null) continue;
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) failure = new IOException("stopping embedded servers failed: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private static void ensureUntilDone(InfluxSettings influx, String policy, String retention, AtomicBoolean ready) {
        Duration backoff = Duration.ofSeconds(1);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                InfluxDatabase.ensure(influx.url(), influx.user(), influx.password(), influx.database(), policy, retention);
                ready.set(true);
                return;
            } catch (IOException e) {
                log.warn("InfluxDB database {} not set up yet, retrying in {} s: {}", influx.database(), backoff.toSeconds(), e.getMessage());
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : backoff.multipliedBy(2);
        }
    }

    private static int port(Map<String, String> config, String key, int fallback) {
        String raw = config.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int port = Integer.parseInt(raw.strip());
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number (1-65535), got '" + raw + "'");
        }
    }

    private static void closeQuietly(AutoCloseable server, Exception primary) {
        if (server == null) return;
        try {
            server.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
