package dev.maillab.app.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.maillab.app.compose.InvalidMailException;
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
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(INVALID);
        p.setTitle("Invalid mail");
        p.setProperty("errors", e.errors());
        return p;
    }

    @ExceptionHandler
    ProblemDetail rejected(MailRejectedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        p.setType(REJECTED);
        p.setTitle("Rejected by the mail server");
        p.setProperty("relay", e.relay());
        p.setProperty("reply", e.reply());
        return p;
    }

    @ExceptionHandler
    ProblemDetail unavailable(MailServerUnavailableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setType(UNAVAILABLE);
        p.setTitle("Mail server unavailable");
        p.setProperty("relay", e.relay());
        p.setProperty("reply", e.reply());
        return p;
    }
}
