package dev.maillab.client.pop3;

/**
 * A message as RETR delivered it.
 *
 * @param number     its message number in this session
 * @param listedSize the size LIST announced
 * @param content    the octets, CRLF line ends, dot-unstuffed
 */
public record RetrievedMessage(int number, long listedSize, byte[] content) {}
