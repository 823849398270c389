package org.firehub.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.ingest.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static MqttTestHub hub;
    private static MqttIngestServer tls;
    private static int tlsPort;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        keystore = selfSignedKeystore(dir);
        hub = new MqttTestHub("mqtt_tls", s -> s.withTls(0, keystore, PASSWORD));
        tls = MqttIngestServer.tls(hub.vertx, hub.handler);
        tlsPort = tls.listen().await(10, TimeUnit.SECONDS);
        token = hub.registerDevice("smoke-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tls != null) tls.close().await(10, TimeUnit.SECONDS);
        if (hub != null) hub.close();
    }

    @Test
    void deviceConnectsAndPublishesOverTlsTrustingTheHubsCertificate() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("ssl://127.0.0.1:" + tlsPort, "tls-client", new MemoryPersistence());
        MqttConnectOptions options = PahoClients.v3Options("smoke-1", token);
        options.setSocketFactory(trusting(keystore).getSocketFactory());
        client.connect(options).waitForCompletion(10_000);
        client.publish("devices/smoke-1/events", "{\"events\":[\"self_test\"]}".getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
        assertThat(hub.ingestor.calls()).extracting(RecordingIngestor.Call::channel).containsExactly(Channel.EVENTS);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    @Test
    void plainMqttOnTheTlsPortDoesNotConnect() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + tlsPort, "not-tls", new MemoryPersistence());
        MqttConnectOptions options = PahoClients.v3Options("smoke-1", token);
        options.setConnectionTimeout(3);
        try {
            assertThatThrownBy(() -> client.connect(options).waitForCompletion(10_000)).isInstanceOf(MqttException.class);
            assertThat(client.isConnected()).isFalse();
        } finally {
            client.close(true);
        }
    }

    @Test
    void tlsListenerNeedsAKeystore() {
        var noKeystore = MqttConnectionHandler.create(hub.vertx, MqttSettings.defaults(), hub.authenticator, hub.ingestor,
                reason -> {}, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThatThrownBy(() -> MqttIngestServer.tls(hub.vertx, noKeystore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keystore");
        assertThat(MqttIngestServer.listeners(hub.vertx, noKeystore)).hasSize(1);
        assertThat(MqttIngestServer.listeners(hub.vertx, hub.handler)).hasSize(2);
    }

    private static Path selfSignedKeystore(Path dir) throws Exception {
        Path file = dir.resolve("hub.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "hub",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        assertThat(Files.size(file)).isPositive();
        return file;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
