package dev.maillab.dns.events;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Serialized {@link AnswerFields} by the answer's bytes (all but the 2-byte ID): most answers come from the answer
 * cache and repeat byte for byte, so reading and serializing one is done once. Bounded: at {@code maxEntries} it
 * starts again empty; answers above {@link #MAX_KEY} bytes (rare, TCP) are not kept.
 */
final class AnswerFieldsCache {

    static final int MAX_KEY = 512;

    private final ConcurrentHashMap<Key, byte[]> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    AnswerFieldsCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @param read makes the fields of an answer not seen yet */
    byte[] get(byte[] reply, Function<byte[], byte[]> read) {
        if (reply.length > MAX_KEY || maxEntries == 0) {
            return read.apply(reply);
        }
        Key key = new Key(reply);
        byte[] fields = entries.get(key);
        if (fields == null) {
            fields = read.apply(reply);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, fields); // the reply array is never written after it was sent
        }
        return fields;
    }

    int size() {
        return entries.size();
    }

    private static final class Key {
        private final byte[] reply;
        private final int hash;

        Key(byte[] reply) {
            this.reply = reply;
            int h = reply.length;
            for (int i = 2; i < reply.length; i++) {
                h = 31 * h + reply[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && key.hash == hash
                    && key.reply.length == reply.length
                    && Arrays.equals(key.reply, 2, reply.length, reply, 2, reply.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
