package org.firehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PskDerivationTest {
    static final byte[] HUB_KEY = new byte[32];

    static {
        for (int i = 0; i < HUB_KEY.length; i++) HUB_KEY[i] = (byte) i;
    }

    @Test
    void thePskIsTheDocumentedHmacTruncatedToSixteenBytesAsHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HUB_KEY, "HmacSHA256"));
        byte[] full = mac.doFinal("firehub-psk|smoke-1|1".getBytes(StandardCharsets.UTF_8));

        DevicePsk psk = PskDerivation.of(HUB_KEY).derive(new DeviceId("smoke-1"), 1);

        assertThat(psk.secret()).isEqualTo(HexFormat.of().formatHex(full, 0, 16)).matches("[0-9a-f]{32}");
        assertThat(psk.keyBytes()).isEqualTo(psk.secret().getBytes(StandardCharsets.US_ASCII));
        assertThat(psk.toString()).doesNotContain(psk.secret());
    }

    @Test
    void anotherVersionDeviceOrHubKeyGivesAnotherPsk() {
        PskDerivation derivation = PskDerivation.of(HUB_KEY);
        byte[] otherKey = HUB_KEY.clone();
        otherKey[0] ^= 1;

        String v1 = derivation.derive(new DeviceId("smoke-1"), 1).secret();

        assertThat(derivation.derive(new DeviceId("smoke-1"), 1).secret()).isEqualTo(v1);
        assertThat(derivation.derive(new DeviceId("smoke-1"), 2).secret()).isNotEqualTo(v1);
        assertThat(derivation.derive(new DeviceId("smoke-2"), 1).secret()).isNotEqualTo(v1);
        assertThat(PskDerivation.of(otherKey).derive(new DeviceId("smoke-1"), 1).secret()).isNotEqualTo(v1);
    }

    @Test
    void theHubKeyIsGeneratedOnceIntoAnOwnerOnlyFile(@TempDir Path home) throws Exception {
        String first = PskDerivation.resolve(home, null).derive(new DeviceId("d-1"), 1).secret();
        Path file = home.resolve("keys/psk.key");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(PskDerivation.resolve(home, null).derive(new DeviceId("d-1"), 1).secret())
                .as("after a restart").isEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsAndABadOneIsRefused(@TempDir Path home) {
        String configured = Base64.getEncoder().encodeToString(HUB_KEY);

        assertThat(PskDerivation.resolve(home, configured).derive(new DeviceId("d-1"), 1))
                .isEqualTo(PskDerivation.of(HUB_KEY).derive(new DeviceId("d-1"), 1));
        assertThat(home.resolve("keys/psk.key")).doesNotExist();
        assertThatThrownBy(() -> PskDerivation.fromBase64("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PskDerivation.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
