package dev.maillab.console.journey;

import dev.maillab.console.BadInputException;
import dev.maillab.console.mailbox.MaildirNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Which message's journey: by Message-ID, by queue id, or by a user's Maildir message (its page's link), checked
 * before anything is asked.
 */
public record JourneyQuery(String messageId, String queueId, String user, String id) {

    // RFC 5322 msg-id: printable ASCII without angle brackets or space between them
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,900}>");
    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    public JourneyQuery {
        messageId = blankToNull(messageId);
        queueId = blankToNull(queueId);
        user = blankToNull(user);
        id = blankToNull(id);
        if (messageId != null) {
            String bracketed = messageId.startsWith("<") ? messageId : "<" + messageId + ">";
            if (!MESSAGE_ID.matcher(bracketed).matches()) {
                throw new BadInputException(
                        "not a Message-ID (<left@right>): \"" + BadInputException.shown(messageId) + "\"");
            }
            messageId = bracketed;
        }
        if (queueId != null && !QUEUE_ID.matcher(queueId).matches()) {
            throw new BadInputException("not a queue id: \"" + BadInputException.shown(queueId) + "\"");
        }
        if ((user == null) != (id == null)) {
            throw new BadInputException("a Maildir message is named by both user and id");
        }
        if (user != null) {
            MaildirNames.user(user);
            MaildirNames.message(id);
        }
        if (messageId == null && queueId == null && user == null) {
            throw new BadInputException("a journey needs a messageId, a queueId, or a user and id");
        }
    }

    /** This query as the journey page's URL. */
    public String url() {
        List<String> params = new ArrayList<>();
        param(params, "messageId", messageId);
        param(params, "queueId", queueId);
        param(params, "user", user);
        param(params, "id", id);
        return "/journey?" + String.join("&", params);
    }

    private static void param(List<String> params, String name, String value) {
        if (value != null) {
            params.add(name + "=" + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
