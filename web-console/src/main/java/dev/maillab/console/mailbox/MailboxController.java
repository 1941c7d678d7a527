package dev.maillab.console.mailbox;

import dev.maillab.console.BadInputException;
import dev.maillab.console.events.Reading;
import dev.maillab.console.events.ServiceClient;
import dev.maillab.console.web.Redirects;
import dev.maillab.console.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriUtils;

/**
 * The Mailboxes pages: every user with counts, a user's messages newest first, one message, its raw source, its
 * parts (the HTML part for the sandboxed frame, attachments as downloads) and delete with a confirmation.
 */
@Controller
public class MailboxController {

    private final MailboxClient mailboxes;
    private final MessagePage messagePage;

    public MailboxController(MailboxClient mailboxes, MessagePage messagePage) {
        this.mailboxes = mailboxes;
        this.messagePage = messagePage;
    }

    @GetMapping("/")
    public String mailboxes(Model model) {
        model.addAttribute("mailboxes", Reading.of(mailboxes::mailboxes));
        return "mailboxes";
    }

    @GetMapping("/mailboxes/{user}")
    public String messages(@PathVariable String user, Model model) {
        MaildirNames.user(user);
        model.addAttribute("user", user);
        model.addAttribute("messages", Reading.of(() -> mailboxes.messages(user)));
        return "messages";
    }

    @GetMapping("/mailboxes/{user}/messages/{id}")
    public String message(@PathVariable String user, @PathVariable String id, Model model) {
        check(user, id);
        model.addAttribute("user", user);
        model.addAttribute("id", id);
        model.addAttribute("page", Reading.of(() -> messagePage.read(user, id)));
        return "message";
    }

    /** The file as text (or, with download, as message/rfc822): under the mail-content policy, never run. */
    @GetMapping("/mailboxes/{user}/messages/{id}/raw")
    public ResponseEntity<byte[]> raw(
            @PathVariable String user,
            @PathVariable String id,
            @RequestParam(name = "download", required = false) String download,
            HttpServletResponse response) {
        check(user, id);
        ServiceClient.Answer raw = mailboxes.raw(user, id);
        SecurityHeaders.mailContent(response);
        if (download != null) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("message/rfc822"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(id + ".eml"))
                    .body(raw.body());
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(raw.body());
    }

    /** One part as a download, whatever its type: the browser saves it, it never renders it here. */
    @GetMapping("/mailboxes/{user}/messages/{id}/parts/{path}")
    public ResponseEntity<byte[]> part(
            @PathVariable String user,
            @PathVariable String id,
            @PathVariable String path,
            HttpServletResponse response) {
        check(user, id);
        MaildirNames.part(path);
        ServiceClient.Answer part = mailboxes.part(user, id, path);
        SecurityHeaders.mailContent(response);
        String filename = filename(part.contentDisposition(), id + "-part-" + path);
        return ResponseEntity.ok()
                .contentType(mediaType(part.contentType(), MediaType.APPLICATION_OCTET_STREAM))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(filename))
                .body(part.body());
    }

    /**
     * An HTML part for the message page's {@code <iframe sandbox>}: its bytes under the mail-content policy, so no
     * script runs and nothing is fetched, even if the frame is opened on its own.
     */
    @GetMapping("/mailboxes/{user}/messages/{id}/html/{path}")
    public ResponseEntity<byte[]> html(
            @PathVariable String user,
            @PathVariable String id,
            @PathVariable String path,
            HttpServletResponse response) {
        check(user, id);
        MaildirNames.part(path);
        ServiceClient.Answer part = mailboxes.part(user, id, path);
        MediaType type = mediaType(part.contentType(), MediaType.APPLICATION_OCTET_STREAM);
        if (!type.isCompatibleWith(MediaType.TEXT_HTML)) {
            throw new BadInputException("part " + path + " is " + type + ", not text/html");
        }
        SecurityHeaders.mailContent(response);
        return ResponseEntity.ok().contentType(type).body(part.body());
    }

    @GetMapping("/mailboxes/{user}/messages/{id}/delete")
    public String confirmDelete(@PathVariable String user, @PathVariable String id, Model model) {
        check(user, id);
        model.addAttribute("user", user);
        model.addAttribute("id", id);
        model.addAttribute("message", mailboxes.message(user, id));
        return "delete";
    }

    @PostMapping("/mailboxes/{user}/messages/{id}/delete")
    public RedirectView delete(
            @PathVariable String user,
            @PathVariable String id,
            @RequestParam(name = "confirm", required = false) String confirm) {
        check(user, id);
        if (!"yes".equals(confirm)) {
            throw new BadInputException("deleting needs confirm=yes (the confirmation page's button sends it)");
        }
        mailboxes.delete(user, id);
        return Redirects.seeOther("/mailboxes/" + UriUtils.encodePathSegment(user, StandardCharsets.UTF_8) + "?deleted="
                + UriUtils.encodeQueryParam(id, StandardCharsets.UTF_8));
    }

    private static void check(String user, String id) {
        MaildirNames.user(user);
        MaildirNames.message(id);
    }

    /** The name smtp-server gives the part, else the fallback. */
    private static String filename(String contentDisposition, String fallback) {
        if (contentDisposition != null) {
            try {
                String name = ContentDisposition.parse(contentDisposition).getFilename();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (IllegalArgumentException e) {
                // unreadable: the fallback
            }
        }
        return fallback;
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8)
                .build()
                .toString();
    }

    private static MediaType mediaType(String contentType, MediaType fallback) {
        if (contentType == null) {
            return fallback;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
