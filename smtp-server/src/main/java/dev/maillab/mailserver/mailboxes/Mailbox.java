package dev.maillab.mailserver.mailboxes;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user's Maildir in {@code GET /api/mailboxes}.
 *
 * @param address  the user at the first local domain
 * @param newCount messages in {@code new/}
 * @param curCount messages in {@code cur/}
 * @param bytes    octets of both
 */
public record Mailbox(
        String user,
        String address,
        @JsonProperty("new") int newCount,
        @JsonProperty("cur") int curCount,
        long bytes) {}
