package org.firehub.ingest.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A deliberately naive MQTT client speaking raw packets, for what well-behaved clients (Paho)
 * refuse to do: stay silent past the keep-alive, ignore the Receive Maximum.
 */
final class RawMqttClient implements AutoCloseable {
    static final int CONNACK = 2, PUBACK = 4, DISCONNECT = 14;

    /** One received packet: its type and the bytes after the fixed header. */
    record Packet(int type, byte[] body) {
        /** CONNACK return/reason code (second byte of its variable header). */
        int connectCode() {
            return body[1] & 0xFF;
        }

        /** DISCONNECT (MQTT 5) reason code; 0 when the packet has none. */
        int disconnectReason() {
            return body.length == 0 ? 0 : body[0] & 0xFF;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final int version;

    private RawMqttClient(Socket socket, int version) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.version = version;
    }

    /** Opens a TCP connection and sends CONNECT (version 4 = 3.1.1, 5 = MQTT 5). */
    static RawMqttClient connect(int port, int version, String clientId, String user, String password, int keepAliveSeconds)
            throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        RawMqttClient client = new RawMqttClient(socket, version);
        client.sendConnect(clientId, user, password, keepAliveSeconds);
        return client;
    }

    private void sendConnect(String clientId, String user, String password, int keepAliveSeconds) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(version);
        body.write(0x02 | 0x80 | 0x40); // clean session, username, password
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        if (version == 5) body.write(0); // no properties
        writeString(body, clientId);
        writeString(body, user);
        writeString(body, password);
        send(0x10, body.toByteArray());
    }

    void publishQos1(String topic, int packetId, String payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        if (version == 5) body.write(0);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        send(0x32, body.toByteArray());
    }

    /** The next packet, or null when the server closed the connection. */
    Packet read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            int header = in.read();
            if (header < 0) return null;
            int length = 0, multiplier = 1, digit;
            do {
                digit = in.readUnsignedByte();
                length += (digit & 0x7F) * multiplier;
                multiplier *= 128;
            } while ((digit & 0x80) != 0);
            byte[] body = new byte[length];
            in.readFully(body);
            return new Packet(header >> 4, body);
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
    }

    /** Reads until the server closes the connection; returns the last packet before that (or null). */
    Packet readUntilClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Packet last = null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new SocketTimeoutException("server did not close the connection within " + timeout);
            Packet packet;
            try {
                packet = read(Duration.ofNanos(Math.max(left, 1_000_000)));
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("server did not close the connection within " + timeout);
            }
            if (packet == null) return last;
            last = packet;
        }
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        socket.getOutputStream().write(packet.toByteArray());
        socket.getOutputStream().flush();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
