package dev.maillab.app.send;

import java.util.List;

/**
 * A message the mail server accepted.
 *
 * @param messageId  its Message-ID, angle brackets included
 * @param relay      the server that accepted it
 * @param recipients every To and Cc address
 * @param queueId    the server's queue id from its 250 reply ("queued as ..."), the key to its log; null when the
 *                   reply names none
 * @param reply      the server's reply to the end of DATA, e.g. "250 2.0.0 Ok: queued as 6614EAAC93B90"
 */
public record SendReceipt(String messageId, String relay, List<String> recipients, String queueId, String reply) {}
