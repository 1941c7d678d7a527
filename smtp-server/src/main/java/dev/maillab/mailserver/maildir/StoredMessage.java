package dev.maillab.mailserver.maildir;

/** A message of a maildrop snapshot: its UIDL (the Maildir base name) and CRLF size in octets. */
public record StoredMessage(String uid, long size) {}
