package dev.maillab.mailserver.smtp;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Replies given on purpose (the lab's "faults on purpose", the {@code fault} feature's rules): the intake asks at
 * each stage whether a rule answers instead of the server, and a rule's reply replaces the one the stage would have
 * given. The intake keeps the session protocol-correct around it (a faulted RCPT adds no recipient, a faulted MAIL
 * starts no transaction, a faulted end of DATA stores nothing and ends the transaction). {@link #NONE} never answers.
 */
public interface SmtpFaults {

    SmtpFaults NONE = probe -> Optional.empty();

    /** Where a fault may answer; {@code DATA} is the end of DATA, after the whole message was read. */
    enum Stage {
        CONNECT,
        EHLO,
        AUTH,
        MAIL,
        RCPT,
        DATA
    }

    /**
     * What a rule may match on at one stage.
     *
     * @param sender     the MAIL FROM address ({@code ""} for the null sender), null before MAIL
     * @param recipients the RCPT address being asked (RCPT) or those accepted (DATA); empty before
     */
    record Probe(Stage stage, SmtpService service, InetAddress client, String sender, List<String> recipients) {}

    /**
     * A reply to give instead of the server's.
     *
     * @param rule  the id of the rule that gave it (in the log line)
     * @param code  the reply code, 4xx or 5xx
     * @param text  what follows the code (an enhanced status code and text), may be empty
     * @param close 421: the connection is closed after the reply (RFC 5321 3.8)
     */
    record Fault(String rule, int code, String text, boolean close) {
        public String reply() {
            return text.isEmpty() ? String.valueOf(code) : code + " " + text;
        }
    }

    /** The reply the first matching rule gives, or empty to answer as usual. Never throws. */
    Optional<Fault> at(Probe probe);
}
