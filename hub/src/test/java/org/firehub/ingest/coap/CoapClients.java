package org.firehub.ingest.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/** Californium clients as devices use them: never reading or writing Californium3.properties. */
final class CoapClients {
    private CoapClients() {}

    static Endpoint plainEndpoint() {
        Endpoint endpoint = CoapEndpoint.builder().setConfiguration(CoapConfigurations.client())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        startQuietly(endpoint);
        return endpoint;
    }

    /** A DTLS endpoint with the device id as PSK identity and the PSK's hex text as key bytes. */
    static Endpoint dtlsEndpoint(String identity, String psk) {
        Configuration config = CoapConfigurations.client();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, psk.getBytes(StandardCharsets.US_ASCII)))
                .build();
        Endpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        startQuietly(endpoint);
        return endpoint;
    }

    static CoapClient client(Endpoint endpoint, long timeoutMillis) {
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(timeoutMillis);
        return client;
    }

    private static void startQuietly(Endpoint endpoint) {
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
