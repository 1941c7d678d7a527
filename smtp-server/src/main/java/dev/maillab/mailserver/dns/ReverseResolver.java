package dev.maillab.mailserver.dns;

import java.net.InetAddress;

/** Finds the name a client connects from, as Postfix's smtpd does before it logs "connect from". */
public interface ReverseResolver {

    /** Postfix's word for a client whose address has no (forward-confirmed) name. */
    String UNKNOWN = "unknown";

    /** The client's name, or {@link #UNKNOWN}; never blocks longer than the configured timeout per query. */
    String nameOf(InetAddress address);
}
