package org.firehub.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PKCS#12 keystore and its password, for the hub's TLS endpoints (MQTTS, HTTPS). When the
 * operator configures none, {@link #ensureSelfSigned} makes one once and reuses it on every later
 * start, so devices that pinned the certificate keep trusting it.
 */
public record TlsMaterial(Path keystore, String password) {
    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);
    static final String KEYSTORE = "hub.p12";
    static final String PASSWORD_FILE = "hub.p12.password";
    static final String ALIAS = "hub";

    /**
     * The operator's keystore ({@code FIREHUB_TLS_KEYSTORE}, PKCS#12, with
     * {@code FIREHUB_TLS_KEYSTORE_PASSWORD}) when configured, else the self-signed one under
     * {@code FIREHUB_HOME/tls} for {@code FIREHUB_TLS_HOSTNAME} (default {@code localhost}).
     */
    public static TlsMaterial fromConfig(Map<String, String> config) throws IOException {
        String keystore = config.get("FIREHUB_TLS_KEYSTORE");
        if (keystore != null && !keystore.isBlank()) {
            Path path = Path.of(keystore).toAbsolutePath();
            if (!Files.isReadable(path)) throw new IOException("FIREHUB_TLS_KEYSTORE " + path + " is not a readable file");
            String password = config.get("FIREHUB_TLS_KEYSTORE_PASSWORD");
            if (password == null) throw new IOException("FIREHUB_TLS_KEYSTORE is set but FIREHUB_TLS_KEYSTORE_PASSWORD is not");
            return new TlsMaterial(path, password);
        }
        Path home = Path.of(config.getOrDefault("FIREHUB_HOME", "var")).toAbsolutePath().normalize();
        return ensureSelfSigned(home.resolve("tls"), config.getOrDefault("FIREHUB_TLS_HOSTNAME", "localhost"));
    }

    /**
     * Blocking (keytool runs for about a second, once). Returns {@code dir/hub.p12} with the
     * password stored next to it (mode 0600), generating both on first use: RSA 2048, valid ten
     * years, SAN {@code DNS:localhost, IP:127.0.0.1} plus {@code hostname} when it is another name.
     */
    public static TlsMaterial ensureSelfSigned(Path dir, String hostname) throws IOException {
        Path keystore = dir.resolve(KEYSTORE);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        if (Files.isRegularFile(keystore) && Files.isRegularFile(passwordFile)) {
            return new TlsMaterial(keystore, Files.readString(passwordFile).strip());
        }
        Files.createDirectories(dir);
        String password = SecretFiles.randomSecret();
        Path tmp = dir.resolve(KEYSTORE + ".tmp");
        Files.deleteIfExists(tmp);
        runKeytool(tmp, password, hostname);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        // password first: a keystore without its password file is regenerated, never left unusable
        SecretFiles.writeOwnerOnly(passwordFile, password + "\n");
        Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("generated a self-signed TLS certificate for {} in {}", hostname, keystore);
        return new TlsMaterial(keystore, password);
    }

    private static void runKeytool(Path keystore, String password, String hostname) throws IOException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String san = "DNS:localhost,IP:127.0.0.1";
        if (hostname != null && !hostname.isBlank() && !hostname.equals("localhost") && !hostname.equals("127.0.0.1")) {
            san += hostname.matches("[0-9.]+|.*:.*") ? ",IP:" + hostname : ",DNS:" + hostname;
        }
        String cn = hostname == null || hostname.isBlank() ? "localhost" : hostname;
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=" + cn + ", O=firehub", "-ext", "SAN=" + san,
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "FIREHUB_KEYSTORE_PASSWORD", "-keypass:env", "FIREHUB_KEYSTORE_PASSWORD"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FIREHUB_KEYSTORE_PASSWORD", password); // never on a command line: ps shows those
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) throw new IOException("keytool failed (" + p.exitValue() + "): " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the TLS keystore", e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + keystore + "]";
    }
}
