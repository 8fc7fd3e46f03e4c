package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Loopback ports: free ones for tests, and a check that a configured one can be bound. */
public final class Ports {

    /** Ports handed out by this JVM, so two servers started close together never get the same one. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    public static synchronized int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free loopback port", e);
            }
        }
        throw new IllegalStateException("Could not find a free loopback port after 50 attempts");
    }

    /** Fails with a message that says what to do when a configured port is taken. */
    public static void requireFree(int port, String server, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + server + " is already in use on 127.0.0.1: "
                    + "stop what holds it (ss -ltnp | grep :" + port + ") or choose another port with " + setting + "=<port>");
        }
    }
}
