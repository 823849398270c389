package org.firehub.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.firehub.device.DeviceId;

/**
 * Derives each device's DTLS PSK from one hub secret, so that no PSK is ever stored:
 * {@code psk = hex(HMAC-SHA256(hubPskKey, "firehub-psk|" + deviceId + "|" + version)[0..16))},
 * i.e. the first 16 bytes of the MAC as 32 lowercase hex characters (see {@link DevicePsk} for
 * why the hex text itself is the key). Rotating a key bumps the device's version
 * ({@code devices.psk_version}); the old key then no longer derives.
 *
 * <p>The hub key is 32 random bytes, from {@code FIREHUB_PSK_KEY} (base64) or generated once
 * into {@code $FIREHUB_HOME/keys/psk.key} (mode 0600, base64). Losing it invalidates every
 * device's PSK; leaking it leaks them all: back it up and guard it like the database password.
 */
public final class PskDerivation {
    public static final int HUB_KEY_BYTES = 32;
    static final int PSK_BYTES = 16;
    private static final String MAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec hubKey;

    private PskDerivation(byte[] hubKey) {
        if (hubKey.length != HUB_KEY_BYTES) {
            throw new IllegalArgumentException("hub PSK key must be " + HUB_KEY_BYTES + " bytes, got " + hubKey.length);
        }
        this.hubKey = new SecretKeySpec(hubKey, MAC);
    }

    public static PskDerivation of(byte[] hubKey) {
        return new PskDerivation(hubKey.clone());
    }

    /** From {@code FIREHUB_PSK_KEY}: base64 of 32 bytes. */
    public static PskDerivation fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FIREHUB_PSK_KEY is not base64: " + e.getMessage(), e);
        }
        return new PskDerivation(key);
    }

    /**
     * The configured key when {@code base64} is given, otherwise the one in
     * {@code home/keys/psk.key}, generated there (0600) on first use.
     */
    public static PskDerivation resolve(Path home, String base64OrNull) {
        if (base64OrNull != null && !base64OrNull.isBlank()) return fromBase64(base64OrNull);
        return fromKeyFile(home.resolve("keys").resolve("psk.key"));
    }

    static PskDerivation fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[HUB_KEY_BYTES];
                RANDOM.nextBytes(fresh);
                writeOwnerOnly(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the hub PSK key " + file, e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    public DevicePsk derive(DeviceId deviceId, int version) {
        if (version < 1) throw new IllegalArgumentException("psk version must be >= 1, got " + version);
        try {
            Mac mac = Mac.getInstance(MAC); // a few µs; a Mac is not thread-safe, handshakes run concurrently
            mac.init(hubKey);
            byte[] full = mac.doFinal(("firehub-psk|" + deviceId.value() + "|" + version).getBytes(StandardCharsets.UTF_8));
            return new DevicePsk(deviceId, version, HexFormat.of().formatHex(Arrays.copyOf(full, PSK_BYTES)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "PskDerivation[hub key ***]";
    }
}
