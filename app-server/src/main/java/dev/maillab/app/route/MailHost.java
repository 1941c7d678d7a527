package dev.maillab.app.route;

import java.net.InetAddress;

/**
 * One place to deliver to.
 *
 * @param name    the MX target (or fallback host) as named
 * @param address its address, found through the configured resolver
 * @param port    SMTP port
 * @param via     how it was found, e.g. "MX 10 of example.local" or "fallback host"
 */
public record MailHost(String name, InetAddress address, int port, String via) {

    @Override
    public String toString() {
        return name + "[" + address.getHostAddress() + "]:" + port;
    }
}
