package dev.maillab.mailserver.smtp;

import java.net.InetAddress;

/** Who connected: the reverse-DNS name (or "unknown") and the address, as Postfix writes {@code name[ip]}. */
public record ClientInfo(String name, InetAddress address) {

    public String ip() {
        return address.getHostAddress();
    }

    @Override
    public String toString() {
        return name + "[" + ip() + "]";
    }
}
