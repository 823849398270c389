package org.firehub.auth;

import io.vertx.core.Future;
import java.util.Optional;
import org.firehub.device.DeviceId;

/**
 * Where DTLS PSK handshakes look devices up (in production {@link PgPskDirectory}). Empty means
 * "no such device"; a failed future means the source could not be asked.
 */
@FunctionalInterface
public interface PskDirectory {
    Future<Optional<PskDevice>> find(DeviceId id);
}
