package org.firehub.rules.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.firehub.device.DeviceKindCatalogue;

/** The shipped config files, found from the module directory (Maven) or the repository root (IDE). */
final class CatalogueFiles {
    private CatalogueFiles() {}

    static Path config(String name) {
        Path fromModule = Path.of("../config", name);
        return Files.exists(fromModule) ? fromModule : Path.of("config", name);
    }

    static DeviceKindCatalogue kinds() {
        try {
            return DeviceKindCatalogue.load(config("device-kinds.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CatalogueRuleBook parse(String yaml) throws InvalidRuleCatalogue {
        return RuleCatalogueParser.parse(yaml, "rules.yaml", kinds());
    }
}
