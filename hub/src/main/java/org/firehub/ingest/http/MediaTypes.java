package org.firehub.ingest.http;

import java.util.Locale;
import java.util.Optional;
import org.firehub.ingest.ContentFormat;

/** The body formats the HTTP endpoint takes, from the request's Content-Type (parameters ignored). */
final class MediaTypes {
    private MediaTypes() {}

    static Optional<ContentFormat> formatOf(String contentType) {
        if (contentType == null) return Optional.empty();
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> Optional.of(ContentFormat.JSON);
            case "application/cbor" -> Optional.of(ContentFormat.CBOR);
            default -> Optional.empty();
        };
    }
}
