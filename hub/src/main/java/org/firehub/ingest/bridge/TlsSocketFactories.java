package org.firehub.ingest.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Socket factories for {@code ssl://} bridges: a PEM CA bundle to trust, an optional PKCS#12 client identity. */
final class TlsSocketFactories {
    private TlsSocketFactories() {}

    static SSLSocketFactory create(TlsSettings tls) throws BridgeConfigException {
        try {
            TrustManagerFactory trust = null;
            if (tls.caFile().isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore(tls.caFile().get()));
            }
            KeyManagerFactory keys = null;
            if (tls.clientCertFile().isPresent()) {
                char[] password = tls.clientCertPassword().orElse("").toCharArray();
                KeyStore identity = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.clientCertFile().get())) {
                    identity.load(in, password);
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new BridgeConfigException("TLS settings " + tls + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) throw new GeneralSecurityException(caFile + " holds no certificate");
        int i = 0;
        for (Certificate certificate : certificates) store.setCertificateEntry("ca-" + i++, certificate);
        return store;
    }
}
