package dev.maillab.mailserver.senderauth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT records (DKIM keys, DMARC policies) from the lab's DNS server, never the system's resolver; no cache, so the
 * dns-server's query log shows each lookup and a changed zone counts at once.
 */
final class LabTxtLookup {

    /** The server did not answer, or answered with an error other than "no such name". */
    static final class DnsUnavailable extends Exception {
        DnsUnavailable(String message) {
            super(message);
        }
    }

    private final SimpleResolver resolver;

    LabTxtLookup(InetSocketAddress server, Duration timeout) {
        resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
    }

    SimpleResolver resolver() {
        return resolver;
    }

    /** Each TXT record of the name, its strings joined; empty when the name or the type does not exist. */
    List<String> txt(String name) throws DnsUnavailable {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
        } catch (TextParseException e) {
            return List.of();
        }
        lookup.setResolver(resolver);
        lookup.setCache(new Cache());
        Record[] records = lookup.run();
        int result = lookup.getResult();
        if (result == Lookup.HOST_NOT_FOUND || result == Lookup.TYPE_NOT_FOUND) {
            return List.of();
        }
        if (result != Lookup.SUCCESSFUL) {
            throw new DnsUnavailable(name + ": " + lookup.getErrorString());
        }
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof TXTRecord txt) {
                out.add(String.join("", txt.getStrings()));
            }
        }
        return out;
    }
}
