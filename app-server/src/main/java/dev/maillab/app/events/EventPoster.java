package dev.maillab.app.events;

import dev.maillab.app.send.SendObserver;
import dev.maillab.app.send.SendReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The send command's observer: posts its {@code app.send} to a running app-server ({@code maillab.events.post-to}),
 * so the console sees command-line sends too. A failure is one warning on stderr; the command's outcome is the
 * send's, not the post's.
 */
public final class EventPoster implements SendObserver {

    private static final Logger log = LoggerFactory.getLogger(EventPoster.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final int timeoutMillis;

    public EventPoster(EventPostingProperties properties) {
        this.endpoint = properties.endpoint();
        this.timeoutMillis =
                (int) Math.min(Integer.MAX_VALUE, properties.postTimeout().toMillis());
    }

    /** The POST body: the event's fields with its kind. */
    static byte[] body(AppSend send) {
        ObjectNode event = JSON.createObjectNode();
        event.put("kind", AppSend.KIND);
        event.setAll((ObjectNode) JSON.valueToTree(send));
        return JSON.writeValueAsBytes(event);
    }

    @Override
    public void ended(SendReport report) {
        byte[] body = body(AppSend.of(report));
        try {
            // straight to the loopback service: a proxy setting of the JVM is not for it
            HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
            try {
                c.setConnectTimeout(timeoutMillis);
                c.setReadTimeout(timeoutMillis);
                c.setRequestMethod("POST");
                c.setRequestProperty("Content-Type", "application/json");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                if (status != HttpURLConnection.HTTP_ACCEPTED) {
                    log.warn("app.send of {} not recorded by {}: {} {}", report.messageId(), endpoint, status, said(c));
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("app.send of {} not posted to {}: {}", report.messageId(), endpoint, e.toString());
        }
    }

    /** The start of the problem's text, for the warning. */
    private static String said(HttpURLConnection c) {
        try (InputStream in = c.getErrorStream()) {
            return in == null ? "" : new String(in.readNBytes(300), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
