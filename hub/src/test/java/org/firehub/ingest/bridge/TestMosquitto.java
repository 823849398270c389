package org.firehub.ingest.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;

/**
 * A real Mosquitto broker (Debian {@code mosquitto}) on a free loopback port, with persistence in
 * a temp directory. {@link #kill()} and {@link #start()} restart it on the same port, as an
 * operator's broker restart would.
 */
final class TestMosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    private TestMosquitto(Path dir, int port, String extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static TestMosquitto startNew() {
        return startNew("");
    }

    /** A broker with more configuration after the plain listener's, e.g. a TLS listener. */
    static TestMosquitto startNew(String extraConfig) {
        try {
            TestMosquitto broker = new TestMosquitto(Files.createTempDirectory("firehub-test-mosquitto"), FreePorts.next(), extraConfig);
            broker.writeConfig();
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval 1",
                // as root, mosquitto would switch to its own user, which cannot write the temp dir
                "user root",
                "max_queued_messages 100000",
                "log_dest file " + dir.resolve("mosquitto.log"),
                extraConfig,
                ""));
    }

    synchronized void start() {
        try {
            process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("mosquitto listening on " + port, Duration.ofSeconds(15), () -> {
            if (!process.isAlive()) throw new AssertionError("mosquitto exited: " + log());
            return accepts();
        });
    }

    /** SIGKILL: no clean shutdown, no last save. */
    synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String log() {
        try {
            Path file = dir.resolve("mosquitto.log");
            return Files.exists(file) ? Files.readString(file) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) kill();
    }
}
