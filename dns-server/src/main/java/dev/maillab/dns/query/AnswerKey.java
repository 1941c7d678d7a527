package dev.maillab.dns.query;

import java.util.Arrays;

/** Cache key of a pre-built answer: lower-cased question name, type, class and the EDNS shape of the query. */
final class AnswerKey {

    private final byte[] name;
    private final int shape;
    private final int hash;

    AnswerKey(byte[] lowerName, int nameLength, int qtype, int qclass, boolean edns, boolean dnssecOk) {
        this.name = Arrays.copyOf(lowerName, nameLength);
        this.shape = (qtype << 16 | qclass) * 4 + (edns ? 2 : 0) + (dnssecOk ? 1 : 0);
        this.hash = 31 * Arrays.hashCode(name) + shape;
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
