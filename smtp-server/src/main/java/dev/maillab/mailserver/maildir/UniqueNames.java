package dev.maillab.mailserver.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes Maildir names {@code <secs>.M<usec>P<pid>Q<n>.<host>,S=<size>,W=<size>} as Dovecot does.
 * The Q counter is per process, so two deliveries in the same microsecond still differ. Microseconds
 * are zero-padded so names sort in delivery order.
 */
final class UniqueNames {

    /** Keeps the base name within RFC 1939's 70-character UIDL limit. */
    private static final int MAX_HOST_LENGTH = 24;

    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong counter = new AtomicLong();
    private final String host;

    UniqueNames(String configuredHost) {
        this.host = sanitize(configuredHost == null || configuredHost.isBlank() ? localHostName() : configuredHost);
    }

    /** The base name, without sizes: the message's UIDL. */
    String nextBase() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + String.format("%06d", now.getNano() / 1000) + "P" + pid + "Q"
                + counter.incrementAndGet() + "." + host;
    }

    static String withSizes(String base, long size) {
        // stored with CRLF line ends, so the file size and the RFC 822 size are the same
        return base + ",S=" + size + ",W=" + size;
    }

    String host() {
        return host;
    }

    /** The Maildir spec's escapes for '/' and ':'; anything else outside 0x21-0x7E or ',' is dropped. */
    static String sanitize(String host) {
        StringBuilder out = new StringBuilder();
        for (char c : host.toCharArray()) {
            if (c == '/') {
                out.append("\\057");
            } else if (c == ':') {
                out.append("\\072");
            } else if (c > 0x20 && c < 0x7f && c != ',') {
                out.append(c);
            }
        }
        String s = out.isEmpty() ? "localhost" : out.toString();
        return s.length() > MAX_HOST_LENGTH ? s.substring(0, MAX_HOST_LENGTH) : s;
    }

    private static String localHostName() {
        try {
            // the kernel's name: no DNS round trip at start-up
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
