package dev.maillab.client.pop3;

import java.util.List;

/**
 * What one session saw.
 *
 * @param capabilities the CAPA answer (empty when the server has no CAPA)
 * @param count        messages according to STAT
 * @param octets       their size according to STAT
 * @param listing      LIST entries
 * @param retrieved    the messages retrieved (all, or the newest N)
 * @param deleted      the retrieved messages were marked DELE and the server confirmed QUIT
 */
public record MaildropSnapshot(
        List<String> capabilities,
        int count,
        long octets,
        List<ListEntry> listing,
        List<RetrievedMessage> retrieved,
        boolean deleted) {

    public record ListEntry(int number, long size) {}
}
