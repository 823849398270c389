package org.firehub.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails early, with a hint, when an embedded server's fixed port is already taken. */
final class LoopbackPort {
    private LoopbackPort() {}

    static void requireFree(int port, String what, String hint) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException inUse) {
            throw new IOException("port 127.0.0.1:" + port + " for " + what + " is already in use; " + hint, inUse);
        }
    }
}
