package org.firehub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.firehub.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {
    /** Unpacked once per machine rather than once per test: unpacking takes about a second. */
    static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "firehub-test-pg-binaries");

    @TempDir
    Path home;

    @Test
    void dataSurvivesStopAndStart() throws Exception {
        Path data = home.resolve("postgres");
        int port = FreePorts.next();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, BINARIES, port)) {
            assertThat(pg.settings().password()).isNotEmpty();
            execute(pg.settings(), "CREATE TABLE venues (name text)", "INSERT INTO venues VALUES ('noodle shop')");
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(BINARIES)).as("binaries only the hub's user may replace")
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(home.resolve("postgres.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, BINARIES, port)) {
            assertThat(queryOne(pg.settings(), "SELECT name FROM venues")).isEqualTo("noodle shop");
        }
    }

    @Test
    void refusesConnectionsWithoutThePassword() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(home.resolve("postgres"), BINARIES, FreePorts.next())) {
            PgSettings noPassword = new PgSettings("127.0.0.1", pg.settings().port(), pg.settings().database(), "postgres", "wrong");
            assertThatThrownBy(() -> queryOne(noPassword, "SELECT 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void startsAfterTheHubWasKilledLeavingPostgresRunning() throws Exception {
        Path data = home.resolve("postgres");
        int port = FreePorts.next();
        long orphan = KilledHub.runAndKill("postgres", data, port, 0);
        assertThat(ProcessTable.isRunning(orphan)).as("postmaster outlives the killed hub").isTrue();

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, BINARIES, port)) {
            assertThat(ProcessTable.isRunning(orphan)).as("orphan stopped").isFalse();
            assertThat(queryOne(pg.settings(), "SELECT note FROM written_before_kill")).isEqualTo("survives");
            assertThat(ProcessTable.pidFromFile(data.resolve("postmaster.pid"))).isPresent().get().isNotEqualTo(orphan);
        }
    }

    @Test
    void ignoresStalePidFileNamingAnUnrelatedProcess() throws Exception {
        Path data = home.resolve("postgres");
        int port = FreePorts.next();
        EmbeddedPostgresServer.start(data, BINARIES, port).close();
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(data.resolve("postmaster.pid"), unrelated.pid() + "\n" + data + "\n");
            try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, BINARIES, port)) {
                assertThat(queryOne(pg.settings(), "SELECT 1")).isEqualTo("1");
                assertThat(unrelated.isAlive()).as("a process that is not our postmaster is never signalled").isTrue();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void refusesASecondServerOnTheSameDataDirectory() throws Exception {
        Path data = home.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, BINARIES, FreePorts.next())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, BINARIES, FreePorts.next()))
                    .isInstanceOf(IOException.class).hasMessageContaining("already in use by another running hub");
            assertThat(queryOne(first.settings(), "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void explainsWhenItsPortIsTaken() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(home.resolve("postgres"), BINARIES, taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("FIREHUB_EMBEDDED_PG_PORT");
        }
    }

    static void execute(PgSettings pg, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement s = c.createStatement()) {
            for (String statement : statements) s.execute(statement);
        }
    }

    static String queryOne(PgSettings pg, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as("a row from " + query).isTrue();
            return rs.getString(1);
        }
    }
}
