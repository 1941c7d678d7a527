package dev.maillab.app.send;

import java.util.List;

/**
 * A message the mail server accepted.
 *
 * @param messageId  its Message-ID, angle brackets included
 * @param relay      the server that accepted it
 * @param recipients every To and Cc address
 */
public record SendReceipt(String messageId, String relay, List<String> recipients) {
}
