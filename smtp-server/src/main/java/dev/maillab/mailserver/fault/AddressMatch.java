package dev.maillab.mailserver.fault;

import java.util.Locale;

/** An envelope address a rule names: {@code bob@example.test} exactly, or {@code @example.test} for a domain. */
record AddressMatch(String text) {

    static AddressMatch parse(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int at = t.indexOf('@');
        if (t.isEmpty() || at < 0 || at == t.length() - 1 || t.indexOf('@', at + 1) >= 0 || !t.matches("[!-~]+")) {
            throw new IllegalArgumentException(
                    field + ": '" + text + "' is neither an address (bob@example.test) nor a domain (@example.test)");
        }
        return new AddressMatch(t);
    }

    boolean matches(String address) {
        if (address == null || address.isEmpty()) {
            return false; // the null sender has no domain to match
        }
        String a = address.toLowerCase(Locale.ROOT);
        return text.startsWith("@") ? a.endsWith(text) : a.equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
