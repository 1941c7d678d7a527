package dev.maillab.dns.namedconf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A BIND address match list ({@code allow-transfer { 127.0.0.1; 10.0.0.0/8; !192.0.2.1; any; };}):
 * the first element that matches decides, nothing matching means denied.
 */
public final class AddressMatchList {

    /** What an element matches. */
    private record Element(boolean negated, byte[] network, int prefix, Kind kind) {
        boolean matches(InetAddress address) {
            return switch (kind) {
                case ANY -> true;
                case NONE -> false;
                case LOOPBACK -> address.isLoopbackAddress();
                case PREFIX -> inPrefix(address.getAddress());
            };
        }

        private boolean inPrefix(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }

    private enum Kind {
        ANY,
        NONE,
        LOOPBACK,
        PREFIX
    }

    /** BIND's default for allow-transfer in this lab: the machine itself only. */
    public static final AddressMatchList LOOPBACK_ONLY =
            new AddressMatchList(List.of(new Element(false, null, 0, Kind.LOOPBACK)), "{ localhost; }");

    private final List<Element> elements;
    private final String text;

    private AddressMatchList(List<Element> elements, String text) {
        this.elements = List.copyOf(elements);
        this.text = text;
    }

    public boolean allows(InetAddress address) {
        for (Element element : elements) {
            if (element.matches(address)) {
                return !element.negated();
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Builds a list from its elements as written ({@code "!10.0.0.1"}, {@code "any"}, {@code "10.0.0.0/8"}). */
    public static AddressMatchList parse(List<String> written) throws IllegalArgumentException {
        List<Element> elements = written.stream().map(AddressMatchList::element).toList();
        return new AddressMatchList(elements, "{ " + String.join("; ", written) + (written.isEmpty() ? "}" : "; }"));
    }

    private static Element element(String written) {
        boolean negated = written.startsWith("!");
        String body = negated ? written.substring(1).trim() : written;
        switch (body) {
            case "any":
                return new Element(negated, null, 0, Kind.ANY);
            case "none":
                return new Element(negated, null, 0, Kind.NONE);
            case "localhost":
            case "localnets": // the lab's own networks: on one machine that is loopback
                return new Element(negated, null, 0, Kind.LOOPBACK);
            default:
                break;
        }
        String host = body;
        int prefix = -1;
        int slash = body.indexOf('/');
        if (slash >= 0) {
            host = body.substring(0, slash);
            try {
                prefix = Integer.parseInt(body.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + written + "'");
            }
        }
        if (!host.matches("[0-9a-fA-F:.]+") || !(host.contains(".") || host.contains(":"))) {
            throw new IllegalArgumentException("'" + written + "' is not an address, prefix, any, none or localhost"
                    + " (named ACLs are not supported)");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address '" + written + "'");
        }
        int bits = network.length * 8;
        if (prefix < 0) {
            prefix = bits;
        }
        if (prefix > bits) {
            throw new IllegalArgumentException("prefix length " + prefix + " too long in '" + written + "'");
        }
        return new Element(negated, network, prefix, Kind.PREFIX);
    }
}
