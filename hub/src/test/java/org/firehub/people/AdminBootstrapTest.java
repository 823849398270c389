package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.ApiHarness.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.web.ApiHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {
    ApiHarness api;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (api != null) api.close();
    }

    private AdminBootstrap bootstrap() {
        return new AdminBootstrap(api.users, api.hasher, new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenPasswordCreatesAnAdminThatCanLogInAndIsNeverPrinted() throws Exception {
        api = new ApiHarness("bootstrap_given");
        var outcome = await(bootstrap().ensureAdmin(Optional.of("Given-Admin-Pw-1")));

        assertThat(outcome).isEqualTo(AdminBootstrap.Outcome.CREATED_WITH_GIVEN_PASSWORD);
        assertThat(printed()).doesNotContain("Given-Admin-Pw-1");
        assertThat(await(api.sessions.login("admin", "Given-Admin-Pw-1"))).isNotBlank();
        assertThat(await(api.sessions.authenticate(await(api.sessions.login("admin", "Given-Admin-Pw-1"))).map(Principal::role)))
                .isEqualTo(Role.ADMIN);
        try (Connection c = api.jdbc(); ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM users")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$argon2id$").doesNotContain("Given-Admin-Pw-1");
        }
    }

    @Test
    void withoutAPasswordOneIsGeneratedPrintedOnceAndWorks() {
        api = new ApiHarness("bootstrap_generated");
        var first = await(bootstrap().ensureAdmin(Optional.empty()));

        assertThat(first).isEqualTo(AdminBootstrap.Outcome.CREATED_WITH_GENERATED_PASSWORD);
        Matcher m = Pattern.compile("password: (\\S+)").matcher(printed());
        assertThat(m.find()).as("banner shows the password: " + printed()).isTrue();
        String generated = m.group(1);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(20);
        assertThat(await(api.sessions.login("admin", generated))).isNotBlank();

        var second = await(bootstrap().ensureAdmin(Optional.empty()));
        var third = await(bootstrap().ensureAdmin(Optional.of("another")));

        assertThat(second).isEqualTo(AdminBootstrap.Outcome.ALREADY_HAD_USERS);
        assertThat(third).isEqualTo(AdminBootstrap.Outcome.ALREADY_HAD_USERS);
        assertThat(Pattern.compile("password: ").matcher(printed()).results().count()).isEqualTo(1);
        assertThat(await(api.sessions.login("admin", generated))).as("the first password still works").isNotBlank();
        assertThat(await(api.users.count())).isEqualTo(1);
    }

    @Test
    void blankGivenPasswordCountsAsAbsent() {
        api = new ApiHarness("bootstrap_blank");
        assertThat(await(bootstrap().ensureAdmin(Optional.of("  "))))
                .isEqualTo(AdminBootstrap.Outcome.CREATED_WITH_GENERATED_PASSWORD);
    }
}
