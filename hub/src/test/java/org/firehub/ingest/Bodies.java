package org.firehub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;

/** Test bodies in both formats, built from the same structure, and the real kind catalogue. */
final class Bodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();

    private Bodies() {}

    static Buffer json(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    static Buffer encode(Object structure, ContentFormat format) {
        try {
            return Buffer.buffer(format == ContentFormat.CBOR ? CBOR.writeValueAsBytes(structure) : JSON.writeValueAsBytes(structure));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    static DeviceKindCatalogue catalogue() {
        for (Path candidate : new Path[] {Path.of("../config/device-kinds.yaml"), Path.of("config/device-kinds.yaml")}) {
            if (Files.exists(candidate)) {
                try {
                    return DeviceKindCatalogue.load(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("config/device-kinds.yaml not found from " + Path.of("").toAbsolutePath());
    }

    static Device smokeAlarm(String id) {
        return new Device(new DeviceId(id), "smoke", 17, "grid-3");
    }
}
