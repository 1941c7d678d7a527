package dev.maillab.systemtest.flow;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports nobody holds right now on any of the given addresses (the second domain's mail server binds the
 * same port numbers as the first, on an address of its own), TCP and UDP alike (the DNS server binds both on one
 * port). They are released before the services bind them; the services are started right after, which keeps the
 * race small.
 */
final class FreePorts {

    private FreePorts() {}

    /** {@code count} ports free for TCP on every address and for UDP on the first. */
    static List<Integer> take(int count, List<String> addresses) throws IOException {
        InetAddress first = InetAddress.getByName(addresses.get(0));
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(first, 0));
                held.add(socket);
                int port = socket.getLocalPort();
                // the TCP socket stays held either way, so the same port is not offered again
                if (freeOnTheOthers(port, addresses, held) && udpFree(addresses.get(0), port)) {
                    ports.add(port);
                }
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    private static boolean freeOnTheOthers(int port, List<String> addresses, List<ServerSocket> held)
            throws IOException {
        for (String address : addresses.subList(1, addresses.size())) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                held.add(socket);
            } catch (IOException taken) {
                socket.close();
                return false;
            }
        }
        return true;
    }

    /** True when nobody holds this TCP port on this loopback address (a bind succeeds). */
    static boolean tcpFree(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** True when nobody holds this UDP port on this loopback address. */
    static boolean udpFree(String address, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
