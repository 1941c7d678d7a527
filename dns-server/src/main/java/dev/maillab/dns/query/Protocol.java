package dev.maillab.dns.query;

/** How a query arrived: it decides truncation (UDP) and what zone transfers are possible (TCP only). */
public enum Protocol {
    UDP,
    TCP;

    private final String tag = name().toLowerCase(java.util.Locale.ROOT);

    public String tag() {
        return tag;
    }
}
