package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.pop3.james.ContinuationHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/**
 * AUTH (RFC 5034) with the one mechanism PLAIN (RFC 4616): {@code AUTH PLAIN <initial response>} or
 * {@code AUTH PLAIN}, {@code + }, then the response on its own line; {@code *} there cancels. A bare
 * {@code AUTH} lists the mechanisms, as Dovecot does. The password is checked by {@link Login}, as for PASS.
 */
public final class AuthCommand extends AbstractPOP3CommandHandler implements ContinuationHandler {

    private static final ProtocolSession.AttachmentKey<Boolean> AWAITING =
            ProtocolSession.AttachmentKey.of("maillab.sasl", Boolean.class);
    private static final List<String> COMMANDS = List.of("AUTH");
    private static final Response MECHANISMS;
    /** An empty challenge: "+" and a space (RFC 5034 section 4). */
    private static final Response GO_ON = new POP3Response("+", "").immutable();

    private static final Response UNSUPPORTED =
            new POP3Response(POP3Response.ERR_RESPONSE, "Unsupported authentication mechanism").immutable();
    private static final Response USAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "Usage: AUTH mechanism [initial-response]").immutable();
    private static final Response CANCELLED =
            new POP3Response(POP3Response.ERR_RESPONSE, "Authentication cancelled").immutable();
    private static final Response NOT_BASE64 =
            new POP3Response(POP3Response.ERR_RESPONSE, "Invalid base64 data in the response").immutable();

    static {
        POP3Response list = new POP3Response(POP3Response.OK_RESPONSE, "Supported SASL mechanisms follow");
        list.appendLine("PLAIN");
        list.appendLine(".");
        MECHANISMS = list.immutable();
    }

    private final UserDirectory users;
    private final Login login;

    public AuthCommand(UserDirectory users, Login login) {
        this.users = users;
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Login.ALREADY_LOGGED_IN;
        }
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        String argument = request.getArgument();
        if (argument == null || argument.isBlank()) {
            return MECHANISMS;
        }
        String[] args = argument.strip().split(" +");
        if (!"PLAIN".equals(args[0].toUpperCase(Locale.ROOT))) {
            return args.length > 2 ? USAGE : UNSUPPORTED;
        }
        if (args.length > 2) {
            return USAGE;
        }
        if (args.length == 1) {
            session.setAttachment(AWAITING, Boolean.TRUE, State.Transaction);
            return GO_ON;
        }
        // "=" is an empty initial response (RFC 5034 section 4)
        return plain(session, "=".equals(args[1]) ? "" : args[1]);
    }

    @Override
    public boolean awaitingResponse(POP3Session session) {
        return session.getAttachment(AWAITING, State.Transaction).isPresent();
    }

    @Override
    public Response onResponse(POP3Session session, byte[] line) {
        cancel(session);
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        return "*".equals(text) ? CANCELLED : plain(session, text);
    }

    @Override
    public void cancel(POP3Session session) {
        session.removeAttachment(AWAITING, State.Transaction);
    }

    /** message = [authzid] NUL authcid NUL passwd, in base64. */
    private Response plain(POP3Session session, String base64) {
        byte[] message;
        try {
            message = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return NOT_BASE64;
        }
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            login.refuse(session, "PLAIN", parts.length > 1 ? parts[1] : "");
            return null;
        }
        String authzid = parts[0];
        String name = parts[1];
        String password = parts[2];
        if (!authzid.isEmpty() && !authzid.equals(name)) {
            // no proxy logins: one may act only as oneself
            login.refuse(session, "PLAIN", name);
            return null;
        }
        login.attempt(session, "PLAIN", name, () -> users.authenticate(name, password));
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
