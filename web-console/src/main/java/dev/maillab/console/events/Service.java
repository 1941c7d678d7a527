package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A service the console reads, by the name the pages show: the three of the lab, and the smtp-servers of the lab's
 * other domains ({@code maillab.console.smtp-urls}), whose events join the journeys.
 *
 * @param kind what it is: which contract it answers
 * @param url  where it is, for another domain's smtp-server; null for the three, whose URL is their own setting
 */
public record Service(String title, Kind kind, URI url) {

    public enum Kind {
        DNS,
        SMTP,
        APP
    }

    public static final Service DNS = new Service("dns-server", Kind.DNS, null);
    public static final Service SMTP = new Service("smtp-server", Kind.SMTP, null);
    public static final Service APP = new Service("app-server", Kind.APP, null);

    /** Another lab domain's smtp-server, named by where it is: "smtp-server 127.0.0.3:8025". */
    public static Service otherSmtp(URI url) {
        return new Service("smtp-server " + url.getAuthority(), Kind.SMTP, url);
    }

    /**
     * Every service the console follows: the three, then the other smtp-servers in the order they are listed, without
     * one that is {@code smtp-url} again or listed twice.
     */
    public static List<Service> all(ConsoleProperties settings) {
        List<Service> all = new ArrayList<>(List.of(DNS, SMTP, APP));
        for (URI url : settings.smtpUrls()) {
            Service other = otherSmtp(url);
            if (!same(url, settings.smtpUrl()) && all.stream().noneMatch(s -> same(url, s.url()))) {
                all.add(other);
            }
        }
        return List.copyOf(all);
    }

    /** Every smtp-server: {@code smtp-url}'s first. */
    public static List<Service> smtpServers(ConsoleProperties settings) {
        return all(settings).stream().filter(s -> s.kind() == Kind.SMTP).toList();
    }

    public URI baseUrl(ConsoleProperties settings) {
        if (url != null) {
            return url;
        }
        return switch (kind) {
            case DNS -> settings.dnsUrl();
            case SMTP -> settings.smtpUrl();
            case APP -> settings.appUrl();
        };
    }

    private static boolean same(URI a, URI b) {
        return a != null && b != null && strip(a).equals(strip(b));
    }

    private static String strip(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** e.g. "smtp-server" */
    @Override
    public String toString() {
        return title;
    }
}
