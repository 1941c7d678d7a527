package dev.maillab.mailserver.maildir;

import java.util.Comparator;

/**
 * A Maildir file name: {@code <base>[,S=<size>][,W=<rfc822 size>][:2,<flags>]}.
 * The base ({@code <secs>.M<usec>P<pid>Q<n>.<host>}) never changes while the message exists, so it is
 * the POP3 UIDL; the size fields let POP3 answer LIST/STAT without opening the file.
 */
public record MaildirName(String fileName, String base, long size, long rfc822Size, String flags) {

    /** Older messages first: by seconds, then microseconds, then the rest of the base name. */
    public static final Comparator<MaildirName> DELIVERY_ORDER = Comparator.comparingLong(MaildirName::deliverySeconds)
            .thenComparingLong(MaildirName::deliveryMicros)
            .thenComparing(MaildirName::base);

    /** Parses a directory entry; sizes are -1 when the name does not carry them. */
    public static MaildirName parse(String fileName) {
        int colon = fileName.indexOf(':');
        String withoutInfo = colon < 0 ? fileName : fileName.substring(0, colon);
        String flags = colon < 0 ? null : fileName.substring(colon + 1);
        int comma = withoutInfo.indexOf(',');
        String base = comma < 0 ? withoutInfo : withoutInfo.substring(0, comma);
        long size = -1;
        long w = -1;
        if (comma >= 0) {
            for (String field : withoutInfo.substring(comma + 1).split(",")) {
                if (field.startsWith("S=")) {
                    size = parseLong(field.substring(2));
                } else if (field.startsWith("W=")) {
                    w = parseLong(field.substring(2));
                }
            }
        }
        return new MaildirName(fileName, base, size, w, flags);
    }

    /** The seconds the base name starts with (0 if none): the first key of {@link #DELIVERY_ORDER}. */
    public long deliverySeconds() {
        return leadingNumber(base, 0);
    }

    /** The microseconds after ".M" in the base name (0 if none): the second key of {@link #DELIVERY_ORDER}. */
    public long deliveryMicros() {
        return usec(base);
    }

    /** True when the name already is its {@link #seenName()}: info "2," with flag S. */
    public boolean isSeen() {
        return flags != null && flags.startsWith("2,") && flags.indexOf('S', 2) >= 0;
    }

    /**
     * True when the name says the file already has CRLF line ends: its size on disk ({@code S=}) is its
     * RFC 822 size ({@code W=}), which would be larger by one octet per bare LF.
     */
    public boolean isCrlf() {
        return size >= 0 && size == rfc822Size;
    }

    /** The name of this message in {@code cur/} once it has been seen: info "2," with flag S added. */
    public String seenName() {
        String prefix = colon() < 0 ? fileName : fileName.substring(0, colon());
        String current = flags != null && flags.startsWith("2,") ? flags.substring(2) : "";
        if (current.indexOf('S') >= 0) {
            return prefix + ":2," + current;
        }
        StringBuilder sorted = new StringBuilder(current).append('S');
        char[] chars = sorted.toString().toCharArray();
        java.util.Arrays.sort(chars);
        return prefix + ":2," + new String(chars);
    }

    private int colon() {
        return fileName.indexOf(':');
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long leadingNumber(String s, int from) {
        long v = 0;
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && i - from < 18) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return v;
    }

    private static long usec(String base) {
        int m = base.indexOf(".M");
        return m < 0 ? 0 : leadingNumber(base, m + 2);
    }
}
