package dev.maillab.app.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.maillab.app.compose.InvalidMailException;
import dev.maillab.app.send.DeliveryException;
import dev.maillab.app.send.MailRejectedException;
import dev.maillab.app.send.MailServerUnavailableException;

/** Delivery outcomes as RFC 9457 problem details: 400 bad request, 502 refused by the server, 503 no server. */
@RestControllerAdvice
public class MailProblems {

    static final URI INVALID = URI.create("urn:maillab:problem:invalid-mail");
    static final URI REJECTED = URI.create("urn:maillab:problem:rejected-by-mail-server");
    static final URI UNAVAILABLE = URI.create("urn:maillab:problem:mail-server-unavailable");

    @ExceptionHandler
    ProblemDetail invalid(InvalidMailException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid mail", e);
        p.setProperty("errors", e.errors());
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
