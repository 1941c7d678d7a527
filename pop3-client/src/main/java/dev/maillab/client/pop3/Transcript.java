package dev.maillab.client.pop3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The conversation as a telnet user would have seen it: server lines as sent (dot-stuffing included), the
 * client's commands as typed, the password masked, and telnet's own connection notes.
 */
public class Transcript {

    /** Who wrote a line: the server, the client, or a note about the connection (not on the wire). */
    public enum Source {
        SERVER,
        CLIENT,
        NOTE
    }

    public record Line(Source source, String text) {}

    private final List<Line> lines = new ArrayList<>();

    synchronized void server(String text) {
        lines.add(new Line(Source.SERVER, text));
    }

    synchronized void client(String text) {
        lines.add(new Line(Source.CLIENT, text));
    }

    public synchronized void note(String text) {
        lines.add(new Line(Source.NOTE, text));
    }

    public synchronized List<Line> lines() {
        return Collections.unmodifiableList(new ArrayList<>(lines));
    }

    public List<String> texts() {
        return lines().stream().map(Line::text).toList();
    }
}
