package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.maildir.MessageFile;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mailbox API for the web console, on the actuator's port: users, a user's messages newest first, a message's
 * detail, its raw source and decoded parts as downloads that never run, and delete (POST, same site only: see
 * {@link ApiRequestGuard}). Problems are {@code application/problem+json} ({@link MailboxProblems}).
 */
@RestController
@RequestMapping("/api/mailboxes")
class MailboxController {

    /** What mail content carries wherever it is opened: nothing runs, nothing is fetched, nothing is sniffed. */
    static final String CONTENT_POLICY = "default-src 'none'; sandbox";

    private final MailboxService mailboxes;
    private final JsonMapper json;

    MailboxController(MailboxService mailboxes, JsonMapper json) {
        this.mailboxes = mailboxes;
        this.json = json;
    }

    @GetMapping
    List<Mailbox> mailboxes() throws IOException {
        return mailboxes.mailboxes();
    }

    /**
     * Newest first, written one summary at a time (the page is at most maillab.mailboxes.max-messages). When older
     * messages follow, {@code Link: <...?before=<last id>>; rel="next"} names the next page; {@code X-Total-Count}
     * counts them all.
     */
    @GetMapping("/{user}/messages")
    void messages(
            @PathVariable String user,
            @RequestParam(name = "before", required = false) String before,
            HttpServletResponse response)
            throws IOException {
        MailboxService.Page page = mailboxes.messages(user, before);
        List<MessageFile> files = page.listing().messages();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("X-Total-Count", Integer.toString(page.listing().total()));
        if (page.listing().more()) {
            response.setHeader(
                    HttpHeaders.LINK,
                    "</api/mailboxes/" + UriUtils.encodePathSegment(user, StandardCharsets.UTF_8) + "/messages?before="
                            + UriUtils.encodeQueryParam(
                                    files.get(files.size() - 1).id(), StandardCharsets.UTF_8)
                            + ">; rel=\"next\"");
        }
        try (SequenceWriter out = json.writer().writeValuesAsArray(response.getOutputStream())) {
            for (MessageFile file : files) {
                MessageSummary summary = mailboxes.summary(page.user(), file);
                if (summary != null) {
                    out.write(summary);
                }
            }
        }
    }

    @GetMapping("/{user}/messages/{id}")
    MessageDetail message(@PathVariable String user, @PathVariable String id) throws IOException {
        return mailboxes.detail(user, id);
    }

    /** The file's octets as they are on disk. */
    @GetMapping("/{user}/messages/{id}/raw")
    void raw(@PathVariable String user, @PathVariable String id, HttpServletResponse response) throws IOException {
        send(mailboxes.raw(user, id), response);
    }

    /** One part, decoded, as a download. */
    @GetMapping("/{user}/messages/{id}/parts/{path}")
    void part(
            @PathVariable String user, @PathVariable String id, @PathVariable String path, HttpServletResponse response)
            throws IOException {
        send(mailboxes.part(user, id, path), response);
    }

    @PostMapping("/{user}/messages/{id}/delete")
    ResponseEntity<Void> delete(@PathVariable String user, @PathVariable String id) throws IOException {
        mailboxes.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ProblemDetail unreadable(IOException e, HttpServletResponse response) {
        return MailboxProblems.unreadable(e, response);
    }

    private static void send(MessageBody message, HttpServletResponse response) throws IOException {
        try (message) {
            response.setContentType(message.contentType());
            response.setContentLengthLong(message.length());
            ContentDisposition.Builder disposition = ContentDisposition.attachment();
            if (message.filename() != null && !message.filename().isBlank()) {
                disposition.filename(safeFilename(message.filename()), StandardCharsets.UTF_8);
            }
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION, disposition.build().toString());
            response.setHeader("Content-Security-Policy", CONTENT_POLICY);
            OutputStream out = response.getOutputStream();
            message.body().transferTo(out);
            out.flush();
        }
    }

    /** The name without control characters or path separators: a download name, never a path. */
    static String safeFilename(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints()
                .map(c -> Character.isISOControl(c) || c == '/' || c == '\\' ? '_' : c)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
