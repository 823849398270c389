package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.firehub.ingest.Channel;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ssl://} bridges against Mosquitto's TLS listener, which requires a client certificate:
 * a CA file to trust, a PKCS#12 client identity, hostname verification on and off. Certificates
 * are made by {@code openssl} for each run.
 */
class BridgeTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Path certs;
    private static int tlsPort;
    private static TestMosquitto broker;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestMosquitto.installed() && Files.isExecutable(Path.of("/usr/bin/openssl")),
                "mosquitto or openssl is not installed");
        certs = Files.createTempDirectory("firehub-bridge-tls");
        makeCertificates();
        tlsPort = FreePorts.next();
        broker = TestMosquitto.startNew(String.join("\n",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + certs.resolve("ca.pem"),
                "certfile " + certs.resolve("server.pem"),
                "keyfile " + certs.resolve("server.key"),
                "require_certificate true"));
        Await.until("TLS listener up", WAIT, () -> {
            try (var socket = new java.net.Socket("127.0.0.1", tlsPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    private static BridgeConfig tlsBridge(String name, String host, String caFile, boolean withClientCert, boolean verifyHostname) {
        TlsSettings tls = new TlsSettings(Optional.of(certs.resolve(caFile)),
                withClientCert ? Optional.of(certs.resolve("client.p12")) : Optional.empty(),
                withClientCert ? Optional.of("secret") : Optional.empty(), verifyHostname);
        return new BridgeConfig(name, "ssl://" + host + ":" + tlsPort, "firehub-" + name, Optional.empty(), Optional.empty(),
                Optional.of(tls), List.of(new TopicMapping(BridgeHarness.SITE_TELEMETRY, Channel.TELEMETRY)),
                BridgeConfig.DEFAULT_KEEP_ALIVE, BridgeConfig.DEFAULT_RECONNECT_MIN, BridgeConfig.DEFAULT_RECONNECT_MAX);
    }

    @Test
    void aBridgeWithTheRightCaAndClientCertificateConnectsAndStores() {
        try (BridgeHarness hub = new BridgeHarness()) {
            hub.register("smoke-tls");
            MqttBridge bridge = hub.bridge(tlsBridge("tls-ok", "127.0.0.1", "ca.pem", true, true));
            Await.until("connected over TLS", WAIT, () -> bridge.health().connected());
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-tls/telemetry", "{\"readings\":{\"battery_pct\":99}}");
            Await.until("stored", WAIT, () -> hub.sink.stored().size() == 1);
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefused() {
        try (BridgeHarness hub = new BridgeHarness()) {
            MqttBridge bridge = hub.bridge(tlsBridge("tls-wrong-ca", "127.0.0.1", "other-ca.pem", true, true));
            BridgeHealth health = Await.value("an error", WAIT, bridge::health, h -> h.lastError().isPresent());
            assertThat(health.connected()).isFalse();
            assertThat(health.lastError().get()).contains("connect failed").contains("certification path");
        }
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheBridge() {
        try (BridgeHarness hub = new BridgeHarness()) {
            MqttBridge bridge = hub.bridge(tlsBridge("tls-no-cert", "127.0.0.1", "ca.pem", false, true));
            BridgeHealth health = Await.value("an error", WAIT, bridge::health, h -> h.lastError().isPresent());
            assertThat(health.connected()).isFalse();
            assertThat(health.lastError().get()).contains("certificate_required");
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefusedUnlessVerificationIsOff() {
        try (BridgeHarness hub = new BridgeHarness()) {
            MqttBridge strict = hub.bridge(tlsBridge("tls-strict", "localhost", "ca.pem", true, true));
            MqttBridge lax = hub.bridge(tlsBridge("tls-lax", "localhost", "ca.pem", true, false));
            Await.until("the lax bridge connected", WAIT, () -> lax.health().connected());
            BridgeHealth health = Await.value("the strict bridge refused", WAIT, strict::health, h -> h.lastError().isPresent());
            assertThat(health.connected()).isFalse();
            assertThat(health.lastError().get()).contains("No name matching localhost");
        }
    }

    private static void makeCertificates() throws Exception {
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=firehub test CA");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=someone else");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                "-days", "2", "-extfile", "san.ext");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=firehub");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "2");
        openssl("pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12", "-passout", "pass:secret");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
