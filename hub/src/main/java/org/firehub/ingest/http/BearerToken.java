package org.firehub.ingest.http;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer …} header (RFC 6750 §2.1), if well formed. */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {}

    static Optional<String> parse(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(token);
    }
}
