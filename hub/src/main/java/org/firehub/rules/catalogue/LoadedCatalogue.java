package org.firehub.rules.catalogue;

import java.time.Instant;
import java.util.Objects;

/**
 * A rule book with where it came from: {@code version} is the SHA-256 of the file's bytes (hex),
 * so two hubs, or a hub and an operator, can tell whether they run the same rules.
 */
public record LoadedCatalogue(CatalogueRuleBook book, String file, String version, Instant loadedAt) {
    public LoadedCatalogue {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(loadedAt, "loadedAt");
    }
}
