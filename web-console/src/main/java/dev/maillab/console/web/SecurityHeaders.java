package dev.maillab.console.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The two Content-Security-Policies the console sends. Its own pages may run only its own script file and load only
 * from itself. Anything that came in a mail (an HTML part, the raw source, an attachment) is served under
 * {@link #MAIL_CONTENT}: no script at all, nothing fetched (images only as data: URLs), framed only by the console
 * and, through {@code sandbox}, a unique origin even when opened on its own.
 */
public final class SecurityHeaders {

    public static final String PAGES = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static final String MAIL_CONTENT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    private SecurityHeaders() {}

    /** Headers of every answer; a mail-content answer replaces them with {@link #mailContent}. */
    static void pages(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", PAGES);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    /** For bytes that came in a mail: the strict policy, never sniffed, framed by the console only, not cached. */
    public static void mailContent(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", MAIL_CONTENT);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Cache-Control", "no-store");
    }
}
