package dev.maillab.mailserver.mailboxes;

import org.springframework.http.HttpStatus;

/** An answer other than the resource: its status and the one sentence of its problem detail. */
class MailboxProblem extends RuntimeException {

    private final HttpStatus status;

    MailboxProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static MailboxProblem badRequest(String detail) {
        return new MailboxProblem(HttpStatus.BAD_REQUEST, detail);
    }

    static MailboxProblem notFound(String detail) {
        return new MailboxProblem(HttpStatus.NOT_FOUND, detail);
    }

    /** A message the detail cannot be made of within the limits; its raw source still can be had. */
    static MailboxProblem unprocessable(String detail) {
        return new MailboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    static MailboxProblem forbidden(String detail) {
        return new MailboxProblem(HttpStatus.FORBIDDEN, detail);
    }
}
