package dev.maillab.console.mailbox;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One user's Maildir as smtp-server counts it ({@code GET /api/mailboxes}). */
public record Mailbox(
        String user,
        String address,
        @JsonProperty("new") int newCount,
        @JsonProperty("cur") int curCount,
        long bytes) {}
