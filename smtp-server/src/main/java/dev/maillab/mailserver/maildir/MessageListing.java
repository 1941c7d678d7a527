package dev.maillab.mailserver.maildir;

import java.util.List;

/**
 * One page of a Maildir, newest first.
 *
 * @param messages the page
 * @param total    messages in the Maildir, on this page or not
 * @param more     older messages follow the last one of the page
 */
public record MessageListing(List<MessageFile> messages, int total, boolean more) {}
