package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.net.URI;

/** The three services the console reads, by the names the pages show. */
public enum Service {
    DNS("dns-server"),
    SMTP("smtp-server"),
    APP("app-server");

    private final String title;

    Service(String title) {
        this.title = title;
    }

    /** e.g. "smtp-server" */
    public String title() {
        return title;
    }

    public URI baseUrl(ConsoleProperties settings) {
        return switch (this) {
            case DNS -> settings.dnsUrl();
            case SMTP -> settings.smtpUrl();
            case APP -> settings.appUrl();
        };
    }

    @Override
    public String toString() {
        return title;
    }
}
