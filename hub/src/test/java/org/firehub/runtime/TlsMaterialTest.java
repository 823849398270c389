package org.firehub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    Path home;

    @Test
    void generatesAUsableKeystoreForLoopbackOnce() throws Exception {
        Path dir = home.resolve("tls");
        TlsMaterial tls = TlsMaterial.ensureSelfSigned(dir, "hub.example.org");

        assertThat(tls.keystore()).isEqualTo(dir.resolve("hub.p12"));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            keyStore.load(in, tls.password().toCharArray());
        }
        assertThat(keyStore.isKeyEntry(TlsMaterial.ALIAS)).isTrue();
        X509Certificate cert = (X509Certificate) keyStore.getCertificate(TlsMaterial.ALIAS);
        assertThat(cert.getSubjectAlternativeNames()).contains(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(2, "hub.example.org"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, tls.password().toCharArray());
        SSLContext.getInstance("TLS").init(kmf.getKeyManagers(), null, null);

        for (String file : new String[] {"hub.p12", "hub.p12.password"}) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(file))).as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void reusesTheKeystoreOnTheNextStart() throws Exception {
        Path dir = home.resolve("tls");
        TlsMaterial first = TlsMaterial.ensureSelfSigned(dir, "localhost");
        byte[] keystore = Files.readAllBytes(first.keystore());

        TlsMaterial second = TlsMaterial.ensureSelfSigned(dir, "localhost");

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(second.keystore())).isEqualTo(keystore);
    }

    @Test
    void regeneratesWhenThePasswordFileWasLost() throws Exception {
        Path dir = home.resolve("tls");
        TlsMaterial first = TlsMaterial.ensureSelfSigned(dir, "localhost");
        Files.delete(dir.resolve("hub.p12.password"));

        TlsMaterial second = TlsMaterial.ensureSelfSigned(dir, "localhost");

        assertThat(second.password()).isNotEqualTo(first.password());
        KeyStore.getInstance(second.keystore().toFile(), second.password().toCharArray());
    }

    @Test
    void configuredKeystoreWinsAndMustComeWithItsPassword() throws Exception {
        TlsMaterial own = TlsMaterial.ensureSelfSigned(home.resolve("own"), "localhost");
        Map<String, String> config = Map.of("FIREHUB_HOME", home.toString(),
                "FIREHUB_TLS_KEYSTORE", own.keystore().toString(), "FIREHUB_TLS_KEYSTORE_PASSWORD", own.password());

        assertThat(TlsMaterial.fromConfig(config)).isEqualTo(own);
        assertThat(home.resolve("tls")).as("no self-signed one made").doesNotExist();
        assertThatThrownBy(() -> TlsMaterial.fromConfig(Map.of("FIREHUB_TLS_KEYSTORE", own.keystore().toString())))
                .isInstanceOf(IOException.class).hasMessageContaining("FIREHUB_TLS_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> TlsMaterial.fromConfig(Map.of("FIREHUB_TLS_KEYSTORE", home.resolve("missing.p12").toString(),
                "FIREHUB_TLS_KEYSTORE_PASSWORD", "x"))).isInstanceOf(IOException.class).hasMessageContaining("missing.p12");
    }

    @Test
    void withoutAKeystoreMakesOneUnderHome() throws Exception {
        TlsMaterial tls = TlsMaterial.fromConfig(Map.of("FIREHUB_HOME", home.toString()));
        assertThat(tls.keystore()).isEqualTo(home.resolve("tls/hub.p12"));
    }
}
