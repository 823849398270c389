package org.firehub.ingest.coap;

import java.net.InetSocketAddress;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;
import org.firehub.auth.PskDerivation;
import org.firehub.device.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Scandium's "which key has this PSK identity?" from the device registry, asynchronously
 * (Scandium's handshake thread is never held up by the database): the identity is a device id,
 * the key is derived from the hub key and the device's current PSK version. An identity that
 * is not a registered device gets no key, which fails the handshake.
 */
final class DevicePskStore implements AdvancedPskStore {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePskStore.class);

    private final PskDeviceCache devices;
    private final PskDerivation derivation;
    private final Runnable unknownIdentity;
    private volatile HandshakeResultHandler resultHandler;

    /** {@code unknownIdentity} is told of each handshake naming no registered device (it is counted). */
    DevicePskStore(PskDeviceCache devices, PskDerivation derivation, Runnable unknownIdentity) {
        this.devices = devices;
        this.derivation = derivation;
        this.unknownIdentity = unknownIdentity;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverNames, PskPublicInformation identity,
                                                  String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
                                                  boolean useExtendedMasterSecret) {
        String name = identity.getPublicInfoAsString();
        if (!DeviceId.isValid(name)) {
            unknownIdentity.run();
            return new PskSecretResult(cid, identity, null);
        }
        DeviceId id = new DeviceId(name);
        devices.find(id).whenComplete((found, failure) -> {
            SecretKey key = null;
            if (failure != null) {
                LOG.warn("device {}: DTLS handshake refused, the registry could not be asked: {}", id, failure.toString());
            } else if (found.isPresent()) {
                key = SecretUtil.create(derivation.derive(id, found.get().pskVersion()).keyBytes(), "PSK");
            } else {
                unknownIdentity.run();
            }
            resultHandler.apply(new PskSecretResult(cid, identity, key));
        });
        return null; // asynchronous: the result goes to the handler
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // the hub never starts handshakes
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        this.resultHandler = resultHandler;
    }
}
