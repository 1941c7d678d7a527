package dev.maillab.dns.query;

import java.util.Arrays;

/**
 * Cache key of a pre-built answer: lower-cased question name, type, class, the EDNS shape of the query and whether
 * it is an ANY over UDP (answered minimally, RFC 8482, while ANY over TCP gets everything).
 */
final class AnswerKey {

    private final byte[] name;
    private final long shape;
    private final int hash;

    AnswerKey(
            byte[] lowerName,
            int nameLength,
            int qtype,
            int qclass,
            boolean edns,
            boolean dnssecOk,
            boolean minimalAny) {
        this.name = Arrays.copyOf(lowerName, nameLength);
        this.shape = ((long) qtype << 16 | qclass) * 8 + (minimalAny ? 4 : 0) + (edns ? 2 : 0) + (dnssecOk ? 1 : 0);
        this.hash = 31 * Arrays.hashCode(name) + Long.hashCode(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnswerKey key && key.shape == shape && Arrays.equals(key.name, name);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
