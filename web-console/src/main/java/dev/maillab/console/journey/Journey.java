package dev.maillab.console.journey;

import java.util.List;

/**
 * One message's journey: the steps in time order and what joined them.
 *
 * @param messageIds  the Message-IDs followed
 * @param queueIds    smtp-server's queue ids followed
 * @param copies      the Maildir files it became, one per recipient
 * @param steps       oldest first
 * @param unreachable services that could not be read (their steps are missing), in the pages' words
 * @param notes       what the journey lacks and why that may be
 */
public record Journey(
        List<String> messageIds,
        List<String> queueIds,
        List<Copy> copies,
        List<JourneyStep> steps,
        List<String> unreachable,
        List<String> notes) {

    /**
     * A delivered copy: the user's Maildir and the file's base name (the message page's id).
     *
     * @param elsewhere the smtp-server of another lab domain that holds it (the pages read only smtp-url's
     *                  mailboxes), null when it is that one
     */
    public record Copy(String user, String id, String file, String elsewhere) {}
}
