package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.MailLog;
import dev.maillab.mailserver.smtp.SessionState;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import dev.maillab.mailserver.smtp.SmtpSessions;
import dev.maillab.mailserver.smtp.connection.CommandInput;
import dev.maillab.mailserver.smtp.connection.CommandInput.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH (RFC 4954), only inside TLS: a password never crosses the wire in clear (538). The mechanisms
 * (PLAIN, LOGIN) are SubEtha's handlers; the exchange is here, so that guessing costs time: each failure is
 * answered only after a delay that doubles with the session's failures ({@code auth-failure-delay}), and the
 * failure that reaches {@code max-auth-failures} gets 421 and the end of the session. The delay holds only
 * this session's thread; other clients are not slowed.
 */
public final class AuthCommand extends BaseCommand {

    private final SmtpSessions sessions;
    private final SmtpMetrics metrics;
    private final MailLog log;
    private final RefusedLineCommand refused;
    private final String hostname;
    private final Duration failureDelay;
    private final int maxFailures;
    private final FaultReplies faults;

    public AuthCommand(
            SmtpSessions sessions,
            SmtpMetrics metrics,
            MailLog log,
            RefusedLineCommand refused,
            String hostname,
            Duration failureDelay,
            int maxFailures,
            FaultReplies faults) {
        super("AUTH", "Authentication service", "AUTH <mechanism> [initial-response]");
        this.sessions = sessions;
        this.metrics = metrics;
        this.log = log;
        this.refused = refused;
        this.hostname = hostname;
        this.failureDelay = failureDelay;
        this.maxFailures = maxFailures;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        if (!session.isTLSStarted()) {
            metrics.rejected(Reason.AUTH_REQUIRES_TLS);
            session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        if (session.isAuthenticated()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: already authenticated");
            return;
        }
        if (session.isMailTransactionInProgress()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: MAIL transaction in progress");
            return;
        }
        String[] args = getArgs(line);
        Optional<AuthenticationHandlerFactory> factory = session.getServer().getAuthenticationHandlerFactory();
        if (args.length < 2 || args.length > 3) {
            session.sendResponse("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
            return;
        }
        String mechanism = args[1].toUpperCase(Locale.ROOT);
        if (factory.isEmpty() || !factory.get().getAuthenticationMechanisms().contains(mechanism)) {
            session.sendResponse("504 5.5.4 Unsupported authentication mechanism");
            return;
        }
        if (faults.answered(Stage.AUTH, session, null, List.of())) {
            return; // before any credentials are asked for; the session stays unauthenticated
        }
        AuthenticationHandler handler = factory.get().create();
        try {
            Optional<String> challenge = step(handler, line, session);
            while (challenge.isPresent()) {
                session.sendResponse(challenge.get());
                String response = session.getReader().readLine();
                if (response == null) {
                    return; // the client is gone; the session ends when it reads on
                }
                Optional<Fault> fault = CommandInput.fault(response);
                if (fault.isPresent()) {
                    refused.answer(fault.get(), session);
                    return;
                }
                if (response.strip().equals("*")) {
                    session.sendResponse("501 5.7.0 Authentication aborted");
                    return;
                }
                challenge = step(handler, response, session);
            }
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            failed(session, mechanism, e.getCode() == 535);
            return;
        }
        session.setAuthenticationHandler(handler);
        session.sendResponse("235 2.7.0 Authentication successful");
    }

    /** One SASL step; input the handler cannot parse at all is a failure like a wrong password. */
    private static Optional<String> step(AuthenticationHandler handler, String input, Session session)
            throws RejectException {
        try {
            return handler.auth(input, session);
        } catch (RuntimeException e) {
            throw new RejectException(501, "malformed authentication response");
        }
    }

    private void failed(Session session, String mechanism, boolean badCredentials)
            throws IOException, DropConnectionException {
        SessionState state = sessions.stateOf(session);
        int failures = state.authFailed();
        metrics.rejected(Reason.AUTH_FAILED);
        log.authFailed(state.client(), mechanism);
        pause(delay(failures));
        if (failures >= maxFailures) {
            log.tooManyAuthFailures(state.client(), failures);
            throw new DropConnectionException(421, "4.7.0 " + hostname + " Error: too many failed authentications");
        }
        session.sendResponse(
                badCredentials
                        ? "535 5.7.8 Error: authentication failed"
                        : "501 5.5.2 Error: malformed authentication response");
    }

    /** {@code auth-failure-delay} for the first failure, doubling with each further one. */
    Duration delay(int failures) {
        return failureDelay.multipliedBy(1L << Math.min(failures - 1, 10));
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        }
    }
}
