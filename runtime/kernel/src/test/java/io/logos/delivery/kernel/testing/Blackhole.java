package io.logos.delivery.kernel.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP listener on 127.0.0.1 that accepts connections and never answers, so that libp2p dials to it
 * hang in their upgrade until {@link #close()} drops them (and refuses every later one).
 */
public final class Blackhole implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public Blackhole() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("blackhole").start(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        });
    }

    /** Its transport address, without {@code /p2p}. */
    public String address() {
        return "/ip4/127.0.0.1/tcp/" + server.getLocalPort();
    }

    public int acceptedConnections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    /** A port on 127.0.0.1 nothing listens on: dials to it are refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
