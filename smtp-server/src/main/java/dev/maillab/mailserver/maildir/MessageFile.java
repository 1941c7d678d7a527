package dev.maillab.mailserver.maildir;

import java.nio.file.Path;

/**
 * A message of a Maildir where it was found.
 *
 * @param id     the Maildir base name, without sizes or flags: the POP3 UIDL, the same in {@code new/} and
 *               {@code cur/}
 * @param folder "new" or "cur"
 * @param flags  the Maildir flags after {@code :2,} ("S" once POP3 has shown it), "" without any
 * @param size   octets of the file
 * @param path   its absolute path
 */
public record MessageFile(String id, String folder, String flags, long size, Path path) {}
