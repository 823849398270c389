package org.firehub.auth;

import io.vertx.core.Future;
import java.util.Optional;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;

/**
 * Where device credentials come from (in production {@code PgDeviceDirectory::findCredentials}).
 * Empty means "no such device"; a failed future means the source could not be asked.
 */
@FunctionalInterface
public interface CredentialsLookup {
    Future<Optional<DeviceCredentials>> find(DeviceId id);
}
