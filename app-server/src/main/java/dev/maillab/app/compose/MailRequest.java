package dev.maillab.app.compose;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One message to send, as the HTTP API and the send command take it.
 *
 * @param from        sender, e.g. {@code "山田 <app@example.local>"}; null = the configured sender
 * @param to          at least one recipient
 * @param cc          more recipients, may be null
 * @param subject     required: a message without its headers is not sent
 * @param body        plain text, may be null (empty body)
 * @param attachments may be null
 */
public record MailRequest(
        String from, List<String> to, List<String> cc, String subject, String body, List<Attachment> attachments) {

    public MailRequest {
        // nulls inside the lists are kept so the validator can name them
        to = to == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(to));
        cc = cc == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(cc));
        attachments = attachments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attachments));
        body = body == null ? "" : body;
    }

    /**
     * A file attached to the message.
     *
     * @param filename    name shown to the reader (non-ASCII allowed)
     * @param contentType MIME type; null = application/octet-stream
     * @param content     the octets; in JSON the field {@code contentBase64} (base64, line breaks allowed), which
     *                    Jackson decodes straight from the request stream, never holding the base64 text as a String
     */
    public record Attachment(
            String filename,
            String contentType,
            @JsonProperty("contentBase64") byte[] content) {}
}
