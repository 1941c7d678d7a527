package dev.maillab.app.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether a request came from this machine: its peer is a loopback address (127.0.0.0/8, ::1). */
final class LoopbackPeer {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackPeer() {}

    /** @param address the peer as the servlet container gives it; a name (never looked up) is not loopback */
    static boolean is(String address) {
        // only literals reach InetAddress, which would look a name up in DNS
        if (address == null || !(IPV4.matcher(address).matches() || address.contains(":"))) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
