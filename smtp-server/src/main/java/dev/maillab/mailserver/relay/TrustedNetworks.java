package dev.maillab.mailserver.relay;

import dev.maillab.net.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Postfix's {@code mynetworks}: address blocks in CIDR notation ({@code 127.0.0.0/8}, {@code 172.19.0.0/16},
 * {@code ::1/128}; a bare address is one host) whose clients may relay to the lab's other domains without AUTH.
 * Only literals are accepted: a name is refused, never looked up.
 */
public final class TrustedNetworks {

    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;
    private final List<String> text;

    private TrustedNetworks(List<Block> blocks, List<String> text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address block */
    public static TrustedNetworks parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host, entry);
            int prefix;
            try {
                prefix = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad(entry);
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw bad(entry);
            }
            blocks.add(new Block(address, prefix));
            text.add(entry);
        }
        return new TrustedNetworks(List.copyOf(blocks), List.copyOf(text));
    }

    private static byte[] literal(String host, String entry) {
        InetAddress address = IpLiteral.parse(host);
        if (address == null) {
            throw bad(entry);
        }
        return address.getAddress();
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException(
                "maillab.relay.trusted-networks: '" + entry + "' is not an address block such as 172.19.0.0/16");
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    @Override
    public String toString() {
        return String.join(", ", text);
    }
}
