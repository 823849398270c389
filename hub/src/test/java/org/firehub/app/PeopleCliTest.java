package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.people.Role;
import org.firehub.people.web.PeopleHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./firehub admin users|grids|owners ...} against the people admin API on a running server. */
class PeopleCliTest {
    static PeopleHarness hub;
    @TempDir
    static Path dir;
    static Path adminPassword;
    static Path newPassword;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        hub = new PeopleHarness("people_cli");
        hub.userWithPassword("admin", "cli-admin-password-1", Role.ADMIN);
        adminPassword = Files.writeString(dir.resolve("admin.pw"), "cli-admin-password-1\n");
        newPassword = Files.writeString(dir.resolve("new.pw"), "a new person's password\n");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static Run admin(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", hub.baseUrl, "--password-file", adminPassword.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AdminCli.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run run = admin(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    static long number(Run run, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(run.out());
        assertThat(m.find()).as(run.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void operatorManagesUsersGridsAndOwnersRoundTrip() {
        ok("grids", "add", "--code", "G01", "--name", "Old Town");
        ok("grids", "add", "--code", "G02", "--name", "Riverside");
        long worker = number(ok("users", "add", "--username", "zhang.min", "--role", "grid_worker", "--grid", "G01",
                "--display-name", "Zhang Min", "--new-password-file", newPassword.toString()), "created user (\\d+)");
        assertThat(ok("users", "show", "zhang.min").out()).contains("grid_worker", "Zhang Min", "[\"G01\"]");

        ok("grids", "set-leader", "G01", "zhang.min");
        assertThat(ok("grids", "list").out()).containsPattern("G01\\s+Old Town\\s+" + worker + "\\s+0\\s+zhang.min");

        ok("users", "set", "zhang.min", "--grids", "G02");
        assertThat(ok("users", "show", Long.toString(worker)).out()).contains("[\"G02\"]");

        assertThat(ok("users", "disable", "zhang.min").out()).contains("disabled user " + worker);
        assertThat(ok("users", "list").out()).containsPattern("zhang.min\\s+grid_worker\\s+Zhang Min\\s+disabled");
        ok("users", "enable", "zhang.min");

        long venue = hub.venue("G02");
        ok("users", "add", "--username", "shop.owner", "--role", "venue_owner", "--new-password-file", newPassword.toString());
        assertThat(ok("owners", "add", Long.toString(venue), "shop.owner").out()).contains("1 owner(s)", "shop.owner");
        assertThat(ok("owners", "list", Long.toString(venue)).out()).contains("shop.owner");
        assertThat(ok("owners", "remove", Long.toString(venue), "shop.owner").out()).contains("0 owner(s)");

        assertThat(hub.queryLong("SELECT count(*) FROM security_audit WHERE action IN ('user.created', 'grid.created',"
                + " 'grid.updated', 'user.updated', 'user.disabled', 'user.enabled', 'venue.owner_added', 'venue.owner_removed')"))
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void refusalsExitWith1AndUsageProblemsWith2() {
        Run badRole = admin("users", "add", "--username", "x.y", "--role", "chief", "--new-password-file", newPassword.toString());
        assertThat(badRole.exitCode()).isEqualTo(AdminCli.REFUSED);
        assertThat(badRole.err()).contains("HTTP 400", "chief");

        Run unknown = admin("users", "show", "nobody.here");
        assertThat(unknown.exitCode()).isEqualTo(AdminCli.USAGE);
        assertThat(unknown.err()).contains("no user 'nobody.here'");

        Run nothing = admin("users", "set", "admin");
        assertThat(nothing.exitCode()).isEqualTo(AdminCli.USAGE);

        Run self = admin("users", "disable", "admin");
        assertThat(self.exitCode()).isEqualTo(AdminCli.REFUSED);
        assertThat(self.err()).contains("cannot disable or demote themselves");

        Run leaderBoth = admin("grids", "set-leader", "G01");
        assertThat(leaderBoth.exitCode()).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void helpListsThePeopleCommands() {
        Run help = admin("--help");
        assertThat(help.out()).contains("users", "grids", "owners");
    }
}
