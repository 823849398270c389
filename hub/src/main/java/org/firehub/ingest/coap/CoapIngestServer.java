package org.firehub.ingest.coap;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.firehub.auth.DeviceAuthenticator;
import org.firehub.auth.PskDerivation;
import org.firehub.auth.PskDirectory;
import org.firehub.auth.PskRotationListener;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's CoAP endpoint (Californium 3): {@code POST /telemetry/{deviceId}} and
 * {@code /events/{deviceId}} on a plain UDP listener (token in {@code ?token=}) and a DTLS 1.2
 * PSK listener (PSK identity = device id, key derived by {@link PskDerivation}). Also a
 * {@link PskRotationListener}: a rotated device's cached key version is dropped and its live
 * DTLS sessions are ended, so the old key stops working at once.
 */
public final class CoapIngestServer implements PskRotationListener {
    private static final Logger LOG = LoggerFactory.getLogger(CoapIngestServer.class);

    private final CoapSettings settings;
    private final CoapServer server;
    private final CoapEndpoint plain;
    private final CoapEndpoint secure;
    private final DTLSConnector dtls;
    private final PskDeviceCache pskDevices;

    private CoapIngestServer(CoapSettings settings, CoapServer server, CoapEndpoint plain, CoapEndpoint secure,
                             DTLSConnector dtls, PskDeviceCache pskDevices) {
        this.settings = settings;
        this.server = server;
        this.plain = plain;
        this.secure = secure;
        this.dtls = dtls;
        this.pskDevices = pskDevices;
    }

    /**
     * Builds both listeners (DTLS only when {@link CoapSettings#dtlsEnabled()}); nothing is bound
     * until {@link #start()}.
     *
     * @param authenticator checks {@code ?token=} on the plain listener
     * @param pskDevices devices with their PSK version, for DTLS handshakes and DTLS requests
     */
    public static CoapIngestServer create(Vertx vertx, CoapSettings settings, DeviceAuthenticator authenticator,
                                          PskDirectory pskDevices, PskDerivation derivation, Ingestor ingestor,
                                          IngestMetrics ingestMetrics, MeterRegistry meters) {
        Configuration config = CoapConfigurations.server(settings.maxBodyBytes());
        CoapMetrics metrics = new CoapMetrics(meters, ingestMetrics, settings.heardWindow());
        PskDeviceCache cache = new PskDeviceCache(pskDevices);
        CoapIngestHandler handler = new CoapIngestHandler(vertx, settings, authenticator, cache, ingestor, metrics);

        CoapServer server = new CoapServer(config) {
            @Override
            protected Resource createRoot() {
                return new HubRoot();
            }
        };
        ((HubRoot) server.getRoot()).countUnknownPaths(metrics);
        server.add(new IngestResource("telemetry", Channel.TELEMETRY, handler),
                new IngestResource("events", Channel.EVENTS, handler));
        CoapEndpoint plain = CoapEndpoint.builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(settings.host(), settings.port())).build();
        server.addEndpoint(plain);
        CoapEndpoint secure = null;
        DTLSConnector dtls = null;
        if (settings.dtlsEnabled()) {
            DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                    .setAddress(new InetSocketAddress(settings.host(), settings.dtlsPort()))
                    .setAdvancedPskStore(new DevicePskStore(cache, derivation,
                            () -> metrics.refused(RejectReason.UNAUTHORIZED)))
                    .setSessionListener(metrics)
                    .build();
            dtls = new DTLSConnector(dtlsConfig);
            secure = CoapEndpoint.builder().setConfiguration(config).setConnector(dtls).build();
            server.addEndpoint(secure);
        }
        return new CoapIngestServer(settings, server, plain, secure, dtls, cache);
    }

    /** Binds the listeners; {@link #port()} and {@link #dtlsPort()} then tell the actual ports. */
    public void start() {
        try {
            server.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("coap: cannot listen on " + settings.host() + ":" + settings.port()
                    + (secure != null ? " / " + settings.dtlsPort() : "") + ": " + e.getMessage(), e);
        }
        if (!plain.isStarted() || (secure != null && !secure.isStarted())) {
            server.destroy();
            throw new UncheckedIOException(new IOException("coap: cannot listen on " + settings.host() + ":"
                    + settings.port() + (secure != null ? " / " + settings.dtlsPort() : "")));
        }
        LOG.info("coap listening on port {}{}", port(), secure != null ? ", coaps (DTLS PSK) on port " + dtlsPort() : "");
    }

    public int port() {
        return plain.getAddress().getPort();
    }

    /** The DTLS listener's port; -1 when DTLS is off. */
    public int dtlsPort() {
        return secure == null ? -1 : secure.getAddress().getPort();
    }

    /** Stops listening and releases the sockets and Californium's threads. */
    public void stop() {
        server.destroy();
    }

    /** A device's PSK was rotated: forget its cached version and end its DTLS sessions. */
    @Override
    public void rotated(DeviceId id) {
        pskDevices.invalidate(id);
        if (dtls != null) {
            Filter<Principal> ofDevice = principal -> principal instanceof PreSharedKeyIdentity psk
                    && id.value().equals(psk.getIdentity());
            dtls.startTerminateConnectionsForPrincipal(ofDevice);
        }
    }

    /** A device was registered (or re-registered): drop a cached "no such device". */
    public void registered(DeviceId id) {
        pskDevices.invalidate(id);
    }
}
