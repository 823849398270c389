package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.auth.SecretTokens;
import org.firehub.people.Role;
import org.firehub.testing.FreePorts;
import org.firehub.web.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdminCliTest {
    static ApiHarness api;
    @TempDir
    static Path dir;
    static Path passwordFile;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("admin_cli");
        api.userWithSession("admin", "cli-admin-pw-9", Role.ADMIN);
        api.userWithSession("sup", "cli-sup-pw-9", Role.SUPERVISOR);
        passwordFile = Files.writeString(dir.resolve("admin.pw"), "cli-admin-pw-9\n");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Runs the CLI in-process against the running hub, logged in as admin. */
    static Run admin(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", api.baseUrl, "--password-file", passwordFile.toString()));
        all.addAll(List.of(args));
        return run(Map.of(), all.toArray(String[]::new));
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AdminCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static long createdVenue(Run run) {
        Matcher m = Pattern.compile("created venue (\\d+)").matcher(run.out());
        assertThat(m.find()).as(run.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void operatorCreatesAVenueRegistersADeviceAndListsThem() {
        Run venue = admin("venue", "add", "--name", "Night Market Stall 3", "--address", "8 River Road",
                "--type", "market_stall", "--grid", "G-05");
        assertThat(venue.exitCode()).as(venue.toString()).isZero();
        assertThat(venue.out()).contains("QR page: " + ApiHarness.PUBLIC_BASE + "/v/");
        long venueId = createdVenue(venue);

        Run device = admin("device", "add", "--id", "cli-smoke-1", "--kind", "smoke", "--venue", Long.toString(venueId));
        assertThat(device.exitCode()).as(device.toString()).isZero();
        Matcher token = Pattern.compile("token \\(shown once, store it now\\): (\\S+)").matcher(device.out());
        assertThat(token.find()).isTrue();
        assertThat(storedHash("cli-smoke-1")).isEqualTo(SecretTokens.hash(token.group(1)));

        Run venues = admin("venue", "list");
        assertThat(venues.exitCode()).isZero();
        assertThat(venues.out()).contains("Night Market Stall 3").contains("G-05");
        Run devices = admin("device", "list", "--venue", Long.toString(venueId));
        assertThat(devices.exitCode()).isZero();
        assertThat(devices.out()).contains("cli-smoke-1").contains("1 device(s)").doesNotContain(token.group(1));
    }

    @Test
    void globalOptionsMayAlsoFollowTheSubcommand() {
        Run run = run(Map.of(), "venue", "list", "--url", api.baseUrl, "--password-file", passwordFile.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void passwordMayComeFromTheEnvironment() {
        Run run = run(Map.of("FIREHUB_ADMIN_PASSWORD", "cli-admin-pw-9"), "--url", api.baseUrl, "venue", "list");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void hubRefusalsExitWith1AndSayWhy() {
        Run kind = admin("device", "add", "--id", "cli-x", "--kind", "smok", "--venue", "1");
        assertThat(kind.exitCode()).isEqualTo(1);
        assertThat(kind.err()).contains("HTTP 400").contains("kind: kind 'smok' is not in the catalogue");

        Run badLogin = run(Map.of("FIREHUB_ADMIN_PASSWORD", "wrong"), "--url", api.baseUrl, "venue", "list");
        assertThat(badLogin.exitCode()).isEqualTo(1);
        assertThat(badLogin.err()).contains("HTTP 401").contains("invalid username or password");

        Run wrongRole = run(Map.of("FIREHUB_ADMIN_PASSWORD", "cli-sup-pw-9"), "--url", api.baseUrl, "--user", "sup",
                "device", "add", "--id", "cli-y", "--kind", "smoke", "--venue", "1");
        assertThat(wrongRole.exitCode()).isEqualTo(1);
        assertThat(wrongRole.err()).contains("HTTP 403");
    }

    @Test
    void csvImportsPrintEveryBadLineOrWriteTokensToAPrivateFile() throws Exception {
        Path venuesCsv = Files.writeString(dir.resolve("venues.csv"),
                "name,address,type,grid\nCli Canteen,1 Works Road,factory,G-09\nCli Shop,2 Works Road,shop,G-09\n");
        Run venues = admin("import", "venues", venuesCsv.toString());
        assertThat(venues.exitCode()).as(venues.toString()).isZero();
        assertThat(venues.out()).contains("imported 2 venue(s)");

        long devicesBefore = api.count("devices");
        Path broken = Files.writeString(dir.resolve("broken.csv"),
                "deviceId,kind,venueName\ncli-imp-1,smoke,Cli Canteen\ncli-imp-2,smok,Cli Canteen\ncli imp 3,gas,Nowhere\n");
        Run refused = admin("import", "devices", broken.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 422").contains("nothing was imported")
                .contains("line 3: kind 'smok' is not in the catalogue")
                .contains("line 4: deviceId 'cli imp 3' is not valid");
        assertThat(api.count("devices")).isEqualTo(devicesBefore);

        Path good = Files.writeString(dir.resolve("good.csv"),
                "deviceId,kind,venueName\ncli-imp-1,smoke,Cli Canteen\ncli-imp-2,gas,Cli Shop\n");
        Path tokens = dir.resolve("tokens.csv");
        Run imported = admin("import", "devices", good.toString(), "--tokens-out", tokens.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 2 device(s)").contains("tokens written to");
        assertThat(Files.getPosixFilePermissions(tokens)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(tokens);
        assertThat(lines).hasSize(3).first().isEqualTo("deviceId,token,psk");
        for (String line : lines.subList(1, 3)) {
            String[] parts = line.split(",");
            assertThat(storedHash(parts[0])).isEqualTo(SecretTokens.hash(parts[1]));
            assertThat(imported.out()).doesNotContain(parts[1]);
        }

        Run again = admin("import", "devices", good.toString(), "--tokens-out", tokens.toString());
        assertThat(again.exitCode()).as("an existing tokens file is never overwritten").isEqualTo(2);
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(admin("venue", "add", "--name", "x").exitCode()).isEqualTo(2);
        assertThat(admin("--bogus").exitCode()).isEqualTo(2);
        assertThat(admin("import", "venues", dir.resolve("missing.csv").toString()).exitCode()).isEqualTo(2);
        Run noPassword = run(Map.of(), "--url", api.baseUrl, "venue", "list");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("no password");
    }

    @Test
    void unreachableHubExitsWith3() {
        Run run = run(Map.of("FIREHUB_ADMIN_PASSWORD", "x"), "--url", "http://127.0.0.1:" + FreePorts.next(), "venue", "list");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach the hub");
        Run defaultUrl = run(Map.of("FIREHUB_ADMIN_PASSWORD", "x", "FIREHUB_HTTP_PORT", Integer.toString(FreePorts.next())),
                "venue", "list");
        assertThat(defaultUrl.exitCode()).isEqualTo(3);
        assertThat(defaultUrl.err()).contains("http://127.0.0.1:");
    }

    @Test
    void helpListsTheSubcommands() {
        Run help = run(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("venue").contains("device").contains("import").contains("--url")
                .contains("FIREHUB_HTTP_PORT").contains("Exit codes");
    }

    private static byte[] storedHash(String deviceId) {
        try (var c = api.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM devices WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("device " + deviceId + " registered").isTrue();
                return rs.getBytes(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
