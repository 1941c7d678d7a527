package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import dev.maillab.mailserver.smtp.SmtpProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** MAIL FROM with the parameters EHLO offers: SIZE (checked against the limit), BODY, SMTPUTF8, AUTH. */
public final class MailCommand extends BaseCommand {

    private final SmtpProperties properties;
    private final SmtpMetrics metrics;
    private final FaultReplies faults;

    public MailCommand(SmtpProperties properties, SmtpMetrics metrics, FaultReplies faults) {
        super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        this.properties = properties;
        this.metrics = metrics;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        if (session.getHelo().isEmpty()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        if (session.isMailTransactionInProgress()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: nested MAIL command");
            return;
        }
        String args = EnvelopeArguments.after(line, "MAIL", "FROM:");
        if (args == null) {
            session.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        EnvelopeArguments parsed;
        try {
            parsed = EnvelopeArguments.parse(args);
        } catch (IllegalArgumentException e) {
            session.sendResponse("501 5.1.7 Bad sender address syntax");
            return;
        }
        String sender = parsed.address();
        if (!sender.isEmpty() && (sender.indexOf('@') <= 0 || sender.endsWith("@"))) {
            metrics.rejected(Reason.BAD_ADDRESS);
            session.sendResponse("501 5.1.7 Bad sender address syntax");
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> p : parsed.parameters().entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    // RFC 1870: up to 20 digits; any number past what a long holds is past the limit too
                    if (!value.matches("[0-9]{1,20}")) {
                        session.sendResponse("501 5.5.4 Bad message size syntax");
                        return;
                    }
                    size = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
                }
                case "BODY" -> {
                    if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
                        session.sendResponse("501 5.5.4 Unsupported BODY parameter value");
                        return;
                    }
                }
                case "SMTPUTF8" -> {
                    // addresses and headers are taken as UTF-8 anyway; RFC 6531: the parameter has no value
                    if (!value.isEmpty()) {
                        session.sendResponse("501 5.5.4 Bad SMTPUTF8 parameter syntax");
                        return;
                    }
                }
                case "AUTH" -> {
                    // RFC 4954 lets a server ignore AUTH=
                }
                default -> {
                    session.sendResponse("555 5.5.4 Unsupported option: " + quoted(p.getKey()));
                    return;
                }
            }
        }
        if (size > properties.maxMessageSize()) {
            metrics.rejected(Reason.MESSAGE_TOO_BIG);
            session.sendResponse("552 5.3.4 Message size exceeds fixed limit");
            return;
        }
        if (faults.answered(Stage.MAIL, session, sender, List.of())) {
            return; // no transaction was started
        }
        session.setDeclaredMessageSize((int) size);
        session.startMailTransaction();
        try {
            session.getMessageHandler().from(sender);
        } catch (RejectException e) {
            session.resetMailTransaction();
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.sendResponse("250 2.1.0 Ok");
    }

    /** A client's word as a reply quotes it: at most 64 characters. */
    static String quoted(String word) {
        return word.length() > 64 ? word.substring(0, 64) + "..." : word;
    }
}
