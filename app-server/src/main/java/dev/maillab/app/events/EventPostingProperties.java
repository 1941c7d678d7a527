package dev.maillab.app.events;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the one-shot send command, whose journal would end with its JVM, posts its {@code app.send} event: a
 * running app-server, which records it as its own (next to the other {@code maillab.events.*} settings, which are
 * lab-events' {@code EventsProperties}).
 *
 * @param postTo      the app-server's base URL, e.g. {@code http://127.0.0.1:8080} (its loopback-only
 *                    {@code POST /api/events}); empty = the event is not posted
 * @param postTimeout how long connecting and the answer may take each; the command's outcome never waits longer
 */
@ConfigurationProperties("maillab.events")
public record EventPostingProperties(
        String postTo, @DefaultValue("2s") Duration postTimeout) {

    public EventPostingProperties {
        postTo = postTo == null || postTo.isBlank() ? null : postTo.strip();
        if (postTo != null) {
            URI uri;
            try {
                uri = URI.create(postTo);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("maillab.events.post-to is not a URL: " + postTo, e);
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "maillab.events.post-to must be an http URL such as http://127.0.0.1:8080, not " + postTo);
            }
        }
        if (postTimeout.isNegative() || postTimeout.isZero()) {
            throw new IllegalArgumentException("maillab.events.post-timeout must be positive");
        }
    }

    /** The endpoint posted to, or null when posting is off. */
    public URI endpoint() {
        return postTo == null ? null : URI.create(postTo).resolve("/api/events");
    }
}
