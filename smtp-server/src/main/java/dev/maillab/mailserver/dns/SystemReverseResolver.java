package dev.maillab.mailserver.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The JDK's resolver (hosts file, then the system's DNS, with the JDK's own cache), used when
 * maillab.smtp.resolver is empty. The JDK already forward-confirms the name and answers the
 * address literal when there is none.
 */
public final class SystemReverseResolver implements ReverseResolver {

    @Override
    public String nameOf(InetAddress address) {
        try {
            String name = InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
            return name.equals(address.getHostAddress()) ? UNKNOWN : name;
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
