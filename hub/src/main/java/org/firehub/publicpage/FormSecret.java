package org.firehub.publicpage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server secret that signs form tokens: {@code FIREHUB_FORM_SECRET} if set (all nodes of a
 * cluster must share it), else {@code <FIREHUB_HOME>/form-secret}, generated (160 random bits,
 * mode 0600) on first start so that forms stay valid across restarts.
 */
public final class FormSecret {
    static final String FILE = "form-secret";

    private FormSecret() {}

    public static byte[] load(String fromEnv, Path home) throws IOException {
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.strip().length() < 16) throw new IOException("FIREHUB_FORM_SECRET must have at least 16 characters");
            return fromEnv.strip().getBytes(StandardCharsets.UTF_8);
        }
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[20];
            new SecureRandom().nextBytes(bytes);
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, HexFormat.of().formatHex(bytes));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.length() < 16) throw new IOException(file + ": form secret too short; delete the file to regenerate it");
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
