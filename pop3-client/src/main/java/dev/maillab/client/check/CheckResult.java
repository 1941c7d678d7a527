package dev.maillab.client.check;

import dev.maillab.client.pop3.Transcript;
import java.util.List;

/**
 * Everything one run of the checker found, whatever way it is printed.
 *
 * @param host       the name asked for
 * @param address    where it resolved to (null if it did not)
 * @param port       POP3 port
 * @param resolvedBy how the name was resolved
 * @param user       mailbox
 * @param exitCode   0 passed, 1 a check failed, 2 connection/TLS/authentication/protocol error
 * @param reason     one line: why it is not 0, or a summary when it is
 * @param count      messages in the maildrop (STAT), -1 when not reached
 * @param octets     their size (STAT), -1 when not reached
 * @param deleted    the retrieved messages were deleted
 * @param messages   a verdict per retrieved message
 * @param transcript the last session's conversation
 */
public record CheckResult(
        String host,
        String address,
        int port,
        String resolvedBy,
        String user,
        int exitCode,
        String reason,
        int count,
        long octets,
        boolean deleted,
        List<MessageVerdict> messages,
        List<Transcript.Line> transcript) {

    public static final int PASSED = 0;
    public static final int CHECK_FAILED = 1;
    public static final int ERROR = 2;

    public String result() {
        return switch (exitCode) {
            case PASSED -> "PASS";
            case CHECK_FAILED -> "FAIL";
            default -> "ERROR";
        };
    }
}
