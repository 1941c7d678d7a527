package dev.maillab.console.journey;

import dev.maillab.console.events.Service;
import java.time.Instant;
import java.util.List;

/**
 * One step of a message's journey, from one event.
 *
 * @param at         when it began (a send or session: its start; anything else: when it was recorded)
 * @param kind       the event's kind, e.g. {@code smtp.session}
 * @param service    who recorded it
 * @param title      one line saying what happened
 * @param details    label and value pairs
 * @param transcript the conversation, when the step is a session
 * @param problem    the step is a failure (a rejection, a send that failed)
 */
public record JourneyStep(
        Instant at,
        String kind,
        Service service,
        String title,
        List<Detail> details,
        List<Line> transcript,
        boolean problem) {

    public record Detail(String label, String value) {}

    /**
     * @param from      "client" or "server" (SMTP), "command" or "reply" (POP3)
     * @param text      the line as recorded
     * @param highlight it touched this message (a POP3 RETR, DELE of it)
     */
    public record Line(String from, String text, boolean highlight) {}
}
