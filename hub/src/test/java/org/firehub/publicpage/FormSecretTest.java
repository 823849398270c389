package org.firehub.publicpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form secret's sources and the signed form time it protects. */
class FormSecretTest {
    @TempDir
    Path home;

    @Test
    void aSecretIsGeneratedOnceOwnerOnlyAndKeptAcrossRestarts() throws IOException {
        byte[] first = FormSecret.load(null, home);
        Path file = home.resolve(FormSecret.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.length).isGreaterThanOrEqualTo(32);
        assertThat(FormSecret.load("", home)).isEqualTo(first);
    }

    @Test
    void theEnvironmentWinsAndMustBeLongEnough() throws IOException {
        assertThat(FormSecret.load("a-shared-cluster-secret-value", home))
                .isEqualTo("a-shared-cluster-secret-value".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.exists(home.resolve(FormSecret.FILE))).isFalse();
        assertThatThrownBy(() -> FormSecret.load("short", home)).isInstanceOf(IOException.class).hasMessageContaining("16");
    }

    @Test
    void aFormTokenIsGoodOnlyForItsVenueBetweenTheMinimumFillTimeAndItsAge() {
        Instant start = Instant.parse("2026-03-02T02:00:00Z");
        FormTokens at0 = new FormTokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(start, ZoneOffset.UTC), Duration.ofSeconds(3), Duration.ofHours(2));
        String token = at0.issue("venueTokenAAAAAAAAAAA");
        FormTokens at5 = new FormTokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(start.plusSeconds(5), ZoneOffset.UTC), Duration.ofSeconds(3), Duration.ofHours(2));
        FormTokens otherSecret = new FormTokens("another-secret-of-20b".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(start.plusSeconds(5), ZoneOffset.UTC), Duration.ofSeconds(3), Duration.ofHours(2));
        FormTokens late = new FormTokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(start.plus(Duration.ofHours(3)), ZoneOffset.UTC), Duration.ofSeconds(3), Duration.ofHours(2));
        assertThat(at0.check(token, "venueTokenAAAAAAAAAAA")).isEqualTo(FormTokens.Problem.TOO_FAST);
        assertThat(at5.check(token, "venueTokenAAAAAAAAAAA")).isNull();
        assertThat(at5.check(token, "venueTokenBBBBBBBBBBB")).isEqualTo(FormTokens.Problem.BAD_FORM_TOKEN);
        assertThat(otherSecret.check(token, "venueTokenAAAAAAAAAAA")).isEqualTo(FormTokens.Problem.BAD_FORM_TOKEN);
        assertThat(late.check(token, "venueTokenAAAAAAAAAAA")).isEqualTo(FormTokens.Problem.FORM_EXPIRED);
        String backdated = (start.minusSeconds(60).toEpochMilli()) + token.substring(token.indexOf('.'));
        assertThat(at5.check(backdated, "venueTokenAAAAAAAAAAA")).isEqualTo(FormTokens.Problem.BAD_FORM_TOKEN);
        for (String junk : new String[] {null, "", ".", "abc.def", "1.", "99999999999999999999.x", "12345"}) {
            assertThat(at5.check(junk, "venueTokenAAAAAAAAAAA")).as(String.valueOf(junk)).isEqualTo(FormTokens.Problem.BAD_FORM_TOKEN);
        }
    }

    @Test
    void languageFollowsTheSwitchThenAcceptLanguageThenChinese() {
        assertThat(Lang.choose("en", "zh-CN")).isEqualTo(Lang.EN);
        assertThat(Lang.choose("zh", "en")).isEqualTo(Lang.ZH);
        assertThat(Lang.choose(null, "en-US,en;q=0.9")).isEqualTo(Lang.EN);
        assertThat(Lang.choose(null, "fr;q=1, en;q=0.5, zh;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.choose(null, "de, en;q=0.3")).isEqualTo(Lang.EN);
        assertThat(Lang.choose(null, "de")).isEqualTo(Lang.ZH);
        assertThat(Lang.choose("xx", ";;;=")).isEqualTo(Lang.ZH);
        assertThat(Lang.choose(null, null)).isEqualTo(Lang.ZH);
    }
}
