package dev.maillab.mailserver.relay.delivery;

import java.net.InetAddress;

/**
 * One address to try for a domain: the MX host's name (or the domain's own, for the implicit MX) and one of its
 * addresses.
 */
public record MailHost(String name, InetAddress address, int preference) {

    /** {@code mail.example.test[127.0.0.3]:25}, as Postfix's {@code relay=} names it. */
    public String relay(int port) {
        return name + "[" + address.getHostAddress() + "]:" + port;
    }

    /** {@code mail.example.test[127.0.0.3]}, as Postfix's "host ... said" names it. */
    public String hostAndAddress() {
        return name + "[" + address.getHostAddress() + "]";
    }
}
