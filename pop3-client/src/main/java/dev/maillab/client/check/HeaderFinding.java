package dev.maillab.client.check;

/**
 * One check on one message.
 *
 * @param check  the header name, or the rule ("Line length", "Header encoding")
 * @param status its outcome
 * @param value  the decoded value when there is one, else null
 * @param note   why it is not OK, or null
 */
public record HeaderFinding(String check, Status status, String value, String note) {}
