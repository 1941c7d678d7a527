package dev.maillab.app.web;

import dev.maillab.app.compose.InvalidMailException;
import dev.maillab.app.send.DeliveryException;
import dev.maillab.app.send.MailRejectedException;
import dev.maillab.app.send.MailServerUnavailableException;
import dev.maillab.app.web.limits.RequestBodyTimeoutException;
import dev.maillab.app.web.limits.RequestBodyTooLargeException;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * Outcomes as RFC 9457 problem details: 400 bad request (naming the field), 408 body too slow, 413 body too large,
 * 502 refused by the mail server, 503 no mail server. Ordered before Spring's own handler, which would answer an
 * unreadable body with a 400 that names nothing.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MailProblems {

    static final URI TOO_LARGE = URI.create("urn:maillab:problem:request-too-large");
    static final URI TOO_SLOW = URI.create("urn:maillab:problem:request-too-slow");

    static final URI INVALID = URI.create("urn:maillab:problem:invalid-mail");
    static final URI REJECTED = URI.create("urn:maillab:problem:rejected-by-mail-server");
    static final URI UNAVAILABLE = URI.create("urn:maillab:problem:mail-server-unavailable");

    @ExceptionHandler
    ProblemDetail invalid(InvalidMailException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid mail", e);
        p.setProperty("errors", e.errors());
        return p;
    }

    /** The body stopped at a limit while it was read, or is not a mail request's JSON. */
    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException big) {
                return tooLarge(big);
            }
            if (t instanceof RequestBodyTimeoutException slow) {
                return tooSlow(slow);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                return invalidJson(JsonProblem.describe(j));
            }
        }
        return invalidJson("body: " + JsonProblem.oneLine(e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail tooLarge(RequestBodyTooLargeException e) {
        ProblemDetail p = problem(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "Request too large", e);
        p.setProperty("limit", e.limit());
        return p;
    }

    @ExceptionHandler
    ProblemDetail tooSlow(RequestBodyTimeoutException e) {
        return problem(HttpStatus.REQUEST_TIMEOUT, TOO_SLOW, "Request too slow", e);
    }

    private static ProblemDetail invalidJson(String error) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, error);
        p.setType(INVALID);
        p.setTitle("Invalid mail");
        p.setProperty("errors", List.of(error));
        return p;
    }

    @ExceptionHandler
    ProblemDetail rejected(MailRejectedException e) {
        return delivery(HttpStatus.BAD_GATEWAY, REJECTED, "Rejected by the mail server", e);
    }

    @ExceptionHandler
    ProblemDetail unavailable(MailServerUnavailableException e) {
        return delivery(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Mail server unavailable", e);
    }

    /** relay: the server last tried; reply: its own words (or why no server could be asked). */
    private static ProblemDetail delivery(HttpStatus status, URI type, String title, DeliveryException e) {
        ProblemDetail p = problem(status, type, title, e);
        p.setProperty("relay", e.relay());
        p.setProperty("reply", e.reply());
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setType(type);
        p.setTitle(title);
        return p;
    }
}
