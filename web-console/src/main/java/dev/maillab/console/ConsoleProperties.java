package dev.maillab.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how long to wait for them, under {@code maillab.console.*}. The defaults are the
 * one-machine addresses; compose names the 172.19.0.x ones.
 *
 * @param dnsUrl         dns-server's HTTP API (its actuator port)
 * @param smtpUrl        smtp-server's HTTP API: the mailboxes, and its events
 * @param smtpUrls       the HTTP APIs of the smtp-servers of the lab's other domains: their events join the journeys
 *                       (a relayed message's copy there, its POP3 sessions) and update the pages live; one that is
 *                       smtpUrl again is left out
 * @param appUrl         app-server's HTTP API
 * @param connectTimeout a service that does not accept the connection within this is shown as unreachable
 * @param requestTimeout ... and one that does not answer within this
 * @param sendTimeout    the send form's request to app-server: it answers only once the mail server accepted the
 *                       message, after its own retries, which take longer than a read of the APIs
 * @param allowedHosts   Host header names the pages answer besides IP literals (a page reached under any other name
 *                       is refused: a DNS-rebinding site must not read the mail)
 * @param maxStreams     browsers' event streams open at once (each holds a thread); the next one gets 503
 * @param streamTimeout  a browser's event stream is closed after this and the browser reconnects where it left off
 * @param eventsBuffered relayed events kept for browsers that reconnect (older ones: the page reloads its parts)
 * @param journeyEvents  at most this many events of each service are read to build one journey (a service keeps
 *                       10 000 by default)
 */
@ConfigurationProperties("maillab.console")
public record ConsoleProperties(
        @DefaultValue("http://127.0.0.1:8053") URI dnsUrl,
        @DefaultValue("http://127.0.0.1:8025") URI smtpUrl,
        @DefaultValue({}) List<URI> smtpUrls,
        @DefaultValue("http://127.0.0.1:8080") URI appUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("60s") Duration sendTimeout,

        @DefaultValue({"localhost", "console", "console.example.local"})
        List<String> allowedHosts,

        @DefaultValue("32") int maxStreams,
        @DefaultValue("10m") Duration streamTimeout,
        @DefaultValue("1000") int eventsBuffered,
        @DefaultValue("20000") int journeyEvents) {

    public ConsoleProperties {
        smtpUrls = smtpUrls == null ? List.of() : List.copyOf(smtpUrls);
    }
}
