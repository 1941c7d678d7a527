package dev.maillab.console.events;

import java.util.function.Consumer;

/**
 * The text/event-stream format read line by line (HTML Living Standard, "event stream interpretation"): fields
 * {@code id}, {@code event}, {@code data} (several data lines joined by LF), a blank line ends a frame, lines
 * starting with a colon are comments (the services' {@code : ping}).
 */
final class SseFrames {

    /** One dispatched frame; id null when the frame had none. */
    record Frame(String id, String event, String data) {}

    private final Consumer<Frame> sink;
    private String id;
    private String event;
    private StringBuilder data;

    SseFrames(Consumer<Frame> sink) {
        this.sink = sink;
    }

    void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                sink.accept(new Frame(id, event == null ? "message" : event, data.toString()));
            }
            event = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry and unknown fields: nothing the console needs
            }
        }
    }
}
