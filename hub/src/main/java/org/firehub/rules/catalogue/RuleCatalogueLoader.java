package org.firehub.rules.catalogue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.firehub.device.DeviceKindCatalogue;

/** Reads and parses {@code rules.yaml}: blocking file I/O, so call it at start or from a worker thread. */
public final class RuleCatalogueLoader {
    private final Path file;
    private final DeviceKindCatalogue kinds;
    private final Clock clock;

    public RuleCatalogueLoader(Path file, DeviceKindCatalogue kinds, Clock clock) {
        this.file = file;
        this.kinds = kinds;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /**
     * Loads the file. At hub start, let the exception stop the start: its message names the file
     * and the line of every problem.
     */
    public LoadedCatalogue load() throws IOException, InvalidRuleCatalogue {
        return parse(Files.readAllBytes(file));
    }

    /** Parses bytes already read (the watcher reads once, to hash and parse the same content). */
    public LoadedCatalogue parse(byte[] content) throws InvalidRuleCatalogue {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRuleCatalogue(file.toString(), List.of(new CatalogueProblem(1, 1, "the file is not UTF-8 text")));
        }
        CatalogueRuleBook book = RuleCatalogueParser.parse(text, file.toString(), kinds);
        return new LoadedCatalogue(book, file.toString(), sha256(content), clock.instant());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
