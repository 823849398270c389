package org.firehub.ingest.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium configurations built in code. Californium's default ({@code Configuration.getStandard()})
 * reads and writes {@code Californium3.properties} in the working directory; the hub never
 * does: every endpoint, the tests' clients included, gets one of these.
 */
public final class CoapConfigurations {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private CoapConfigurations() {}

    /**
     * The hub's: block-wise bodies are reassembled up to twice the contract limit so that the
     * hub itself answers an oversize body 4.13 and counts it (beyond that Californium answers
     * 4.13 on its own); datagrams up to that size are read whole, unblocked.
     */
    public static Configuration server(int maxBodyBytes) {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 2 * maxBodyBytes);
        config.set(UdpConfig.UDP_DATAGRAM_SIZE, 2 * maxBodyBytes + 256);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        // Devices' DTLS stacks (tinydtls, mbedTLS, OpenSSL) offer PSK suites outside
        // Californium's "recommended" set, e.g. TLS_PSK_WITH_AES_128_CCM_8, the CoAP mandatory one.
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        return config;
    }

    /** For clients (tests, device simulators): no file, Californium's defaults, larger datagrams. */
    public static Configuration client() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(UdpConfig.UDP_DATAGRAM_SIZE, 16 * 1024);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        return config;
    }
}
