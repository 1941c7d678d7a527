package dev.maillab.console.mailbox;

import dev.maillab.client.check.MessageVerdict;
import dev.maillab.console.events.ServiceClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Everything the message page shows, read from smtp-server: the message and its MIME tree, the text of its
 * text/plain parts, which parts go in the sandboxed frame and which are downloads, and the header verdict on the
 * raw bytes.
 */
@Component
public class MessagePage {

    /** Characters of one text part shown on the page; the whole part is a download away. */
    static final int MAX_TEXT_CHARS = 200_000;

    /** One row of the MIME tree, flattened with its depth for the page. */
    public record TreeRow(int depth, MimePart part) {}

    public record TextPart(MimePart part, String text, boolean truncated) {}

    /**
     * @param raw the file's bytes as text, for the page's raw view (cut like a text part)
     */
    public record View(
            MessageDetail message,
            List<TreeRow> tree,
            List<TextPart> texts,
            List<MimePart> htmlParts,
            List<MimePart> attachments,
            MessageVerdict verdict,
            String raw,
            boolean rawTruncated) {}

    private final MailboxClient mailboxes;
    private final HeaderVerdict verdicts;

    public MessagePage(MailboxClient mailboxes, HeaderVerdict verdicts) {
        this.mailboxes = mailboxes;
        this.verdicts = verdicts;
    }

    public View read(String user, String id) {
        MessageDetail message = mailboxes.message(user, id);
        List<TreeRow> tree = new ArrayList<>();
        flatten(message.parts(), 0, tree);
        List<TextPart> texts = new ArrayList<>();
        List<MimePart> html = new ArrayList<>();
        List<MimePart> attachments = new ArrayList<>();
        for (TreeRow row : tree) {
            MimePart p = row.part();
            if (p.isText()) {
                ServiceClient.Answer body = mailboxes.part(user, id, p.path());
                String text = decode(body.body(), charset(body.contentType(), p.contentType()));
                boolean cut = text.length() > MAX_TEXT_CHARS;
                texts.add(new TextPart(p, cut ? text.substring(0, MAX_TEXT_CHARS) : text, cut));
            } else if (p.isHtml()) {
                html.add(p);
            } else if (p.isAttachment()) {
                attachments.add(p);
            }
        }
        byte[] raw = mailboxes.raw(user, id).body();
        String rawText = decode(raw, StandardCharsets.UTF_8);
        boolean rawCut = rawText.length() > MAX_TEXT_CHARS;
        return new View(
                message,
                tree,
                texts,
                html,
                attachments,
                verdicts.of(raw),
                rawCut ? rawText.substring(0, MAX_TEXT_CHARS) : rawText,
                rawCut);
    }

    private static void flatten(List<MimePart> parts, int depth, List<TreeRow> out) {
        for (MimePart p : parts) {
            out.add(new TreeRow(depth, p));
            flatten(p.children(), depth + 1, out);
        }
    }

    /** The charset the service answered with, else the part's own, else UTF-8. */
    static Charset charset(String... contentTypes) {
        for (String type : contentTypes) {
            if (type == null) {
                continue;
            }
            for (String param : type.split(";")) {
                String p = param.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name =
                            p.substring("charset=".length()).replace("\"", "").strip();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        // an unknown charset: try the next source
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }
}
