package org.firehub.ingest.bridge;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS towards an external broker.
 *
 * @param caFile PEM file with the CA certificate(s) to trust; empty: the JVM's default trust store
 * @param clientCertFile PKCS#12 file with the client's key and certificate, for brokers that want one
 * @param clientCertPassword the PKCS#12 file's password
 * @param verifyHostname whether the broker's certificate must name the host we connect to
 */
public record TlsSettings(Optional<Path> caFile, Optional<Path> clientCertFile, Optional<String> clientCertPassword,
                          boolean verifyHostname) {
    @Override
    public String toString() {
        return "TlsSettings[caFile=" + caFile + ", clientCertFile=" + clientCertFile + ", verifyHostname=" + verifyHostname + "]";
    }
}
