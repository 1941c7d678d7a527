package dev.maillab.console.mailbox;

import java.util.List;
import java.util.Locale;

/**
 * One node of a message's MIME tree as smtp-server describes it.
 *
 * @param path        its position ("1", "1.2"), the key of {@code /parts/{path}}
 * @param contentType the Content-Type with its parameters
 * @param filename    the attachment's name, null when it has none
 * @param size        octets of the decoded body
 * @param children    the parts of a multipart
 */
public record MimePart(String path, String contentType, String filename, long size, List<MimePart> children) {

    public MimePart {
        children = children == null ? List.of() : children;
    }

    /** "text/html" of "text/html; charset=UTF-8", lower case. */
    public String mediaType() {
        String t = contentType == null ? "text/plain" : contentType;
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    public boolean isMultipart() {
        return mediaType().startsWith("multipart/");
    }

    /** A part shown as text on the message page. */
    public boolean isText() {
        return filename == null && mediaType().equals("text/plain");
    }

    /** A part shown in the sandboxed frame. */
    public boolean isHtml() {
        return filename == null && mediaType().equals("text/html");
    }

    /** A part offered as a download: named, or of a type the page does not show. */
    public boolean isAttachment() {
        return !isMultipart() && !isText() && !isHtml();
    }
}
