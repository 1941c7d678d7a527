package dev.maillab.systemtest.flow;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports nobody holds right now, TCP and UDP alike (the DNS server binds both on one port). They are
 * released before the services bind them; the services are started right after, which keeps the race small.
 */
final class FreePorts {

    private FreePorts() {}

    static List<Integer> take(int count) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(loopback, 0));
                held.add(socket);
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, socket.getLocalPort()))) {
                    ports.add(udp.getLocalPort());
                } catch (IOException udpTaken) {
                    // keep the TCP socket held so the same port is not offered again
                }
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** True when nobody holds this loopback TCP port (a bind succeeds). */
    static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** True when nobody holds this loopback UDP port. */
    static boolean udpFree(int port) {
        try (DatagramSocket socket =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
