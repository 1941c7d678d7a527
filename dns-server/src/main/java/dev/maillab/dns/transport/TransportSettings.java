package dev.maillab.dns.transport;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Where and how the DNS transports listen.
 *
 * @param udpSockets                 UDP sockets sharing the port via SO_REUSEPORT (each with its own thread); 0 = one
 *                                   per core
 * @param tcpIdleTimeout             a TCP connection with no complete query for this long is closed (bytes that
 *                                   trickle in without completing a message do not count)
 * @param tcpMaxConnections          connections beyond this are closed at once
 * @param maxMessageSize             the largest query accepted (TCP frame or UDP datagram); bigger TCP frames close
 *                                   the connection
 * @param tcpMaxConnectionsPerClient connections one client address may hold; more from it are closed at once
 */
public record TransportSettings(
        InetAddress address,
        int port,
        int udpSockets,
        Duration tcpIdleTimeout,
        int tcpMaxConnections,
        int maxMessageSize,
        int tcpMaxConnectionsPerClient) {

    /** No per-client limit below the total (embedded servers in tests, whose clients all share 127.0.0.1). */
    public TransportSettings(
            InetAddress address,
            int port,
            int udpSockets,
            Duration tcpIdleTimeout,
            int tcpMaxConnections,
            int maxMessageSize) {
        this(address, port, udpSockets, tcpIdleTimeout, tcpMaxConnections, maxMessageSize, tcpMaxConnections);
    }

    int effectiveUdpSockets() {
        return udpSockets > 0 ? udpSockets : Runtime.getRuntime().availableProcessors();
    }
}
