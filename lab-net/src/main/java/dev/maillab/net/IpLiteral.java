package dev.maillab.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address written as one (a dotted quad, or IPv6 text without brackets), read without ever asking DNS: a
 * setting that must name an address (a trusted network, a certificate's IP entry) refuses a name instead of
 * resolving it.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {}

    /** The address {@code text} writes, or null when it is no IP literal (a host name, a quad part over 255). */
    public static InetAddress parse(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                byte[] octets = new byte[4];
                String[] parts = text.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int n = Integer.parseInt(parts[i]);
                    if (n > 255) {
                        return null;
                    }
                    octets[i] = (byte) n;
                }
                return InetAddress.getByAddress(octets);
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return InetAddress.getByName(text); // text with ':' is parsed as a literal, never resolved
            }
        } catch (UnknownHostException notALiteral) {
            return null;
        }
        return null;
    }
}
