package org.firehub.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's embedded PostgreSQL (zonky's bundled binaries) with its cluster in a directory of
 * ours that outlives the hub, listening on loopback only, with password authentication.
 *
 * <p>Root: PostgreSQL refuses to run as root. zonky 2.2.2 already handles that itself: when
 * the JVM runs as root it starts initdb, pg_ctl and postgres under {@code unshare -U}, a fresh
 * user namespace in which the process is not root, while files stay owned by root outside. We
 * rely on that mechanism rather than wrapping the binaries, and fail with a clear message on a
 * machine that forbids user namespaces.
 *
 * <p>Orphans: after a {@code kill -9} of the hub, the postmaster keeps running (pg_ctl
 * daemonises it). We stop it (fast shutdown, which checkpoints) and start our own, rather than
 * adopt it, so that the running server always has this start's port and settings and is owned
 * by the hub that will stop it. A directory lock held for the server's lifetime guarantees the
 * postmaster we stop belongs to no live hub.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String DATABASE = "firehub";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private final DirectoryLock lock;
    private final PgSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres, DirectoryLock lock, PgSettings settings) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.lock = lock;
        this.settings = settings;
    }

    /**
     * Blocking: initialises the cluster on first use, stops an orphaned postmaster left by a
     * killed hub, starts PostgreSQL on {@code 127.0.0.1:port} and creates database
     * {@value #DATABASE} if missing.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        return start(data, sibling(data, "-binaries"), port);
    }

    /**
     * As {@link #start(Path, int)}, with zonky's PostgreSQL binaries unpacked into
     * {@code binariesDir}. zonky's default is a world-writable directory under /tmp with a
     * predictable name, which another local user could fill first with binaries of their own
     * that a root hub would then run.
     */
    public static EmbeddedPostgresServer start(Path dataDir, Path binariesDir, int port) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path binaries = binariesDir.toAbsolutePath().normalize();
        requireNonRootOrUserNamespaces();
        DirectoryLock lock = DirectoryLock.acquire(sibling(data, ".lock"), "embedded PostgreSQL data directory " + data);
        try {
            stopOrphanPostmaster(data);
            LoopbackPort.requireFree(port, "embedded PostgreSQL",
                    "set FIREHUB_EMBEDDED_PG_PORT, or FIREHUB_PG_URL to use the server listening there");
            String password = password(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // zonky turns this off for test speed; registry, tickets and audit must be durable.
                    .setServerConfig("synchronous_commit", "on")
                    // initdb options (zonky passes these after its own "-A trust"):
                    .setLocaleConfig("pwfile", sibling(data, ".password").toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(sibling(data, ".log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(sibling(data, ".log").toFile()))
                    .start();
            // zonky makes its working directory world-writable; only the hub's user may write there.
            if (Files.isDirectory(binaries)) {
                Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            PgSettings settings = new PgSettings("127.0.0.1", port, DATABASE, "postgres", password);
            createDatabaseIfMissing(settings);
            log.info("embedded PostgreSQL ready on 127.0.0.1:{}, data in {}", port, data);
            return new EmbeddedPostgresServer(data, postgres, lock, settings);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e instanceof IOException io ? io
                    : new IOException("embedded PostgreSQL in " + data + " did not start: " + e.getMessage()
                            + "; see " + sibling(data, ".log"), e);
        }
    }

    public PgSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Blocking: fast shutdown (checkpoint), then waits for the postmaster to be gone. */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) return;
        try {
            postgres.close();
            ProcessTable.pidFromFile(dataDir.resolve("postmaster.pid")).ifPresent(pid -> {
                if (!ProcessTable.awaitExit(pid, Duration.ofSeconds(30))) {
                    log.error("embedded PostgreSQL (pid {}) still runs after stop; the next start will stop it", pid);
                }
            });
            log.info("embedded PostgreSQL stopped");
        } finally {
            lock.close();
        }
    }

    private static void requireNonRootOrUserNamespaces() throws IOException {
        if (!isRoot() || LinuxUtils.isUnshareAvailable()) return;
        throw new IOException("embedded PostgreSQL cannot run as root on this machine: PostgreSQL refuses root, and"
                + " 'unshare -U' (user namespaces, which embedded PostgreSQL uses to drop root) is not permitted here."
                + " Run the hub as a non-root user, or set FIREHUB_PG_URL to an external PostgreSQL");
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * A postmaster.pid naming a live postmaster on this data directory while we hold the lock
     * means a killed hub's server: stop it. A pid that is not such a postmaster (pid reused
     * after a reboot) makes the file stale: remove it, or PostgreSQL would refuse to start.
     */
    private static void stopOrphanPostmaster(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        var pid = ProcessTable.pidFromFile(pidFile);
        if (pid.isEmpty()) return;
        long p = pid.get();
        if (ProcessTable.isRunning(p) && isPostmasterOf(p, data)) {
            log.warn("found PostgreSQL (pid {}) left running on {} by a previous hub; stopping it", p, data);
            ProcessTable.signal(p, "INT"); // fast shutdown: ends old sessions, checkpoints
            if (!ProcessTable.awaitExit(p, ORPHAN_STOP_TIMEOUT)) {
                throw new IOException("orphaned PostgreSQL pid " + p + " on " + data + " did not stop within "
                        + ORPHAN_STOP_TIMEOUT + "; stop it by hand (kill -INT " + p + ")");
            }
            log.info("orphaned PostgreSQL (pid {}) stopped", p);
        } else if (Files.deleteIfExists(pidFile)) {
            log.warn("removed stale {} (pid {} is not a PostgreSQL on this data directory)", pidFile, p);
        }
    }

    private static boolean isPostmasterOf(long pid, Path data) {
        List<String> argv = ProcessTable.commandLine(pid);
        int d = argv.indexOf("-D");
        return !argv.isEmpty() && argv.get(0).endsWith("postgres") && d >= 0 && d + 1 < argv.size()
                && Path.of(argv.get(d + 1)).toAbsolutePath().normalize().equals(data);
    }

    /**
     * The superuser password, generated with the cluster: initdb reads it from the file
     * ({@code --pwfile}), so the file must exist before the first start and stay for later ones.
     * A cluster that exists without the file predates passwords (trust): connect without one.
     */
    private static String password(Path data) throws IOException {
        Path file = sibling(data, ".password");
        if (Files.isRegularFile(file)) return Files.readString(file).strip();
        if (Files.exists(data.resolve("PG_VERSION"))) return "";
        Files.createDirectories(data.getParent());
        String password = SecretFiles.randomSecret();
        SecretFiles.writeOwnerOnly(file, password + "\n");
        return password;
    }

    private static void createDatabaseIfMissing(PgSettings pg) throws IOException {
        String adminUrl = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, pg.user(), pg.password());
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, pg.database());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) return;
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + pg.database());
            }
            log.info("created database {} in embedded PostgreSQL", pg.database());
        } catch (SQLException e) {
            throw new IOException("cannot create database " + pg.database() + " in embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Path sibling(Path data, String suffix) {
        return data.resolveSibling(data.getFileName() + suffix);
    }
}
