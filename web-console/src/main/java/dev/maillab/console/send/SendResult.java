package dev.maillab.console.send;

import java.util.List;

/**
 * What app-server answered the send form.
 *
 * @param sent      the mail server accepted the message
 * @param messageId its Message-ID (sent only)
 * @param queueId   the mail server's queue id (sent only; null when its reply names none)
 * @param status    app-server's HTTP status
 * @param title     its problem's title (not sent)
 * @param errors    its problem's errors, or its detail, one line each (not sent)
 */
public record SendResult(
        boolean sent, String messageId, String queueId, int status, String title, List<String> errors) {}
