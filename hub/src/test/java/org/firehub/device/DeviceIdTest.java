package org.firehub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeviceIdTest {
    /** The wire contract's own definition, which the hand-written check must agree with. */
    private static final Pattern CONTRACT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Test
    void acceptsExactlyWhatTheContractPatternAccepts() {
        Random random = new Random(64);
        String alphabet = "azAZ09_-.é /+#\u0000\u00ff\u4e2d";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder candidate = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) {
                candidate.append(random.nextInt(4) == 0
                        ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String s = candidate.toString();
            assertThat(DeviceId.isValid(s)).as("'%s'", s).isEqualTo(CONTRACT.matcher(s).matches());
        }
    }

    @Test
    void edgesOfTheContract() {
        assertThat(DeviceId.isValid("a".repeat(64))).isTrue();
        assertThat(DeviceId.isValid("a".repeat(65))).isFalse();
        assertThat(DeviceId.isValid("")).isFalse();
        assertThat(DeviceId.isValid(null)).isFalse();
        assertThat(DeviceId.isValid("Smoke_01-x")).isTrue();
        assertThatThrownBy(() -> new DeviceId("bad id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[A-Za-z0-9_-]{1,64}").hasMessageContaining("\"bad id\"");
    }
}
