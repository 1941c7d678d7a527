package dev.maillab.client.check;

import java.util.List;

/**
 * The verdict on one retrieved message.
 *
 * @param number    message number in the session
 * @param size      octets retrieved
 * @param subject   decoded Subject, or null
 * @param messageId Message-ID, or null
 * @param status    the worst of the findings
 * @param findings  every check made, in a fixed order
 */
public record MessageVerdict(
        int number, long size, String subject, String messageId, Status status, List<HeaderFinding> findings) {}
