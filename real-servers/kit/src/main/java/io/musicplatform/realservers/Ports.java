package io.musicplatform.realservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Loopback ports: free ones for tests, and a check that a configured one can be bound. */
public final class Ports {

    /** Ports handed out by this JVM, so two servers started close together never get the same one. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Random RANDOM = new Random();

    /**
     * A port that is free now, taken below the kernel's ephemeral range: a server may bind it tens
     * of seconds later (Keycloak), and in the meantime no outgoing connection of this machine can
     * take it, as they could a port 0 hands out.
     */
    public static synchronized int free() {
        int lowest = 10_000;
        int highest = ephemeralRangeStart() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = lowest + RANDOM.nextInt(highest - lowest + 1);
            if (!HANDED_OUT.contains(port) && canBind(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("Could not find a free loopback port between " + lowest + " and " + highest);
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(20_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that says what to do when a configured port is taken. */
    public static void requireFree(int port, String server, String setting) {
        if (!canBind(port)) {
            throw new IllegalStateException("Port " + port + " for " + server + " is already in use on 127.0.0.1: "
                    + "stop what holds it (ss -ltnp | grep :" + port + ") or choose another port with " + setting + "=<port>");
        }
    }
}
