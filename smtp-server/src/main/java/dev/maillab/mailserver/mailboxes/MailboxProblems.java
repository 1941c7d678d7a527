package dev.maillab.mailserver.mailboxes;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The mailbox API's problems as RFC 9457 {@code application/problem+json}: 400 for a name that cannot be one, 403 for
 * another site's POST, 404 for an unknown user, message or part, 422 for a message beyond the detail's limits, 500
 * when a Maildir cannot be read. Spring's own (an unknown path, a wrong method) are problems too
 * ({@code spring.mvc.problemdetails.enabled}). Only this package throws {@link MailboxProblem}, so answering it
 * wherever it comes from (the guard also runs before Spring's 404 of an unknown {@code /api/} path) changes nothing
 * else; a read error is the controller's alone.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MailboxProblems {

    private static final Logger log = LoggerFactory.getLogger(MailboxProblems.class);

    @ExceptionHandler
    ProblemDetail problem(MailboxProblem e) {
        return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    }

    /** A Maildir or message that cannot be read by the controller; nothing is left to say once a download began. */
    static ProblemDetail unreadable(IOException e, HttpServletResponse response) {
        if (response.isCommitted()) {
            log.debug("answer cut short: {}", e.toString());
            return null;
        }
        log.warn("mailbox API: {}", e.toString());
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "cannot read the Maildir: " + e);
    }
}
