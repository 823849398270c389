package org.firehub.sim.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Mosquitto started by the bench on a free loopback port: anonymous, persistence off (the
 * peer acks from memory, the hub acks after an fsync'd spool append: the table says so), no limit
 * on in-flight QoS 1 messages.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/mosquitto";
    private final Process process;
    private final Path dir;
    private final int port;

    private MosquittoBroker(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static MosquittoBroker start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(port, 0);
    }

    /**
     * @param maxInflightMessages QoS 1 messages Mosquitto sends a subscriber before waiting for its
     *        PUBACKs: 0 = unlimited, 20 = Mosquitto's own default (what a bridge meets in the field)
     */
    public static MosquittoBroker start(int port, int maxInflightMessages) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) throw new IOException(BINARY + " is missing: apt-get install mosquitto");
        Path dir = Files.createTempDirectory("bench-mosquitto");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_inflight_messages %d
                max_queued_messages 1000000
                max_connections -1
                log_dest stderr
                log_type error
                """.formatted(port, maxInflightMessages));
        Process process = new ProcessBuilder(BINARY, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(process, dir, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return broker;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    String log = Files.readString(dir.resolve("mosquitto.log"));
                    broker.close();
                    throw new IOException("mosquitto did not listen on " + port + ": " + log);
                }
                try {
                    Thread.sleep(20); // a broker starting up; the bench's main thread, not an event loop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mosquitto", e);
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) Files.deleteIfExists(file);
        }
        Files.deleteIfExists(dir);
    }
}
