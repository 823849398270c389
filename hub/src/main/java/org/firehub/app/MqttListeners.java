package org.firehub.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.firehub.auth.CachingDeviceAuthenticator;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Transport;
import org.firehub.ingest.mqtt.MqttConnectionHandler;
import org.firehub.ingest.mqtt.MqttIngestServer;
import org.firehub.ingest.mqtt.MqttSettings;
import org.firehub.runtime.TlsMaterial;

/** The hub's MQTT listeners, plain and TLS, one set per event loop. */
final class MqttListeners {
    private MqttListeners() {}

    /**
     * Deploys the listeners; each port they bound is added to {@code ports} (once). Completes with
     * the deployment id, for undeploying at shutdown. Throws when the TLS keystore cannot be read or made.
     */
    static Future<String> deploy(HubConfig config, Vertx vertx, CachingDeviceAuthenticator deviceAuth,
                                 DefaultIngestor ingestor, IngestMetrics ingestMetrics, MeterRegistry meters,
                                 List<Integer> ports) throws java.io.IOException {
        TlsMaterial tls = TlsMaterial.fromConfig(config.values());
        MqttSettings mqtt = MqttSettings.defaults()
                .withListener(config.bindHost(), config.mqttPort())
                .withTls(config.mqttsPort(), tls.keystore(), tls.password());
        MqttConnectionHandler handler = MqttConnectionHandler.create(vertx, mqtt, deviceAuth, ingestor,
                reason -> ingestMetrics.rejected(Transport.MQTT, reason), meters);
        // Each verticle instance runs on its own event loop, and Vert.x spreads the connections
        // of a shared port over the instances.
        int instances = config.intValue("FIREHUB_MQTT_EVENT_LOOPS", Runtime.getRuntime().availableProcessors());
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return Future.all(MqttIngestServer.listeners(vertx, handler).stream()
                        .map(listener -> listener.listen().onSuccess(port -> {
                            synchronized (ports) {
                                if (!ports.contains(port)) ports.add(port);
                            }
                        })).toList());
            }
        }, new DeploymentOptions().setInstances(instances));
    }
}
