package dev.maillab.mailserver.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid client session (its lines, CRLF-ended) into a damaged one, the way a broken client or network
 * would: octets flipped, inserted or deleted, lines duplicated, dropped or cut, CR, LF and NUL injected. How the
 * connection ends is the {@link Ending}. All choices come from one seeded Random, so a run can be repeated.
 */
public final class SessionMutator {

    /** How the client leaves: after the script, in the middle of it, or with a TCP reset. */
    public enum Ending {
        WHOLE,
        CLOSE_EARLY,
        RESET
    }

    private static final byte[] SPECIAL = {'\r', '\n', 0, '.', ' ', ':', '<', '>', '=', (byte) 0xff, (byte) 0x80};

    private final Random random;

    public SessionMutator(Random random) {
        this.random = random;
    }

    public static List<String> lines(String... lines) {
        return List.of(lines);
    }

    /** The session's octets with 0 to 4 mutations (one session in ten stays valid). */
    public byte[] mutate(List<String> script) {
        List<String> lines = new ArrayList<>(script);
        int lineMutations = random.nextInt(10) == 0 ? 0 : random.nextInt(3);
        for (int i = 0; i < lineMutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(4)) {
                case 0 -> lines.add(at, lines.get(at)); // duplicated
                case 1 -> lines.remove(at); // dropped
                case 2 ->
                    lines.set(
                            at,
                            lines.get(at)
                                    .substring(0, random.nextInt(lines.get(at).length() + 1)));
                default -> lines.add(at, lines.get(random.nextInt(lines.size()))); // reordered
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        byte[] bytes = out.toByteArray();
        int octetMutations = lineMutations == 0 && random.nextBoolean() ? 0 : random.nextInt(4);
        for (int i = 0; i < octetMutations && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> { // flipped
                    byte[] b = bytes.clone();
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    yield b;
                }
                case 1 -> insert(bytes, at, new byte[] {special()});
                case 2 -> delete(bytes, at, 1 + random.nextInt(Math.min(16, bytes.length - at)));
                default -> insert(bytes, at, randomBytes(1 + random.nextInt(8)));
            };
        }
        return bytes;
    }

    public Ending ending() {
        int r = random.nextInt(10);
        return r < 6 ? Ending.WHOLE : r < 8 ? Ending.CLOSE_EARLY : Ending.RESET;
    }

    /** Where to stop writing for {@link Ending#CLOSE_EARLY}. */
    public int cut(byte[] bytes) {
        return bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    }

    /** How many octets to write at once: whole sessions pipelined, or a few octets per segment. */
    public int chunk() {
        return random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(64);
    }

    public Random random() {
        return random;
    }

    private byte special() {
        return SPECIAL[random.nextInt(SPECIAL.length)];
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] insert(byte[] a, int at, byte[] what) {
        byte[] r = new byte[a.length + what.length];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(what, 0, r, at, what.length);
        System.arraycopy(a, at, r, at + what.length, a.length - at);
        return r;
    }

    private static byte[] delete(byte[] a, int at, int n) {
        byte[] r = Arrays.copyOf(a, a.length - n);
        System.arraycopy(a, at + n, r, at, a.length - at - n);
        return r;
    }
}
