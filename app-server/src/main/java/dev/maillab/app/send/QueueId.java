package dev.maillab.app.send;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queue id in a 250 reply to DATA, as Postfix and smtp-server write it: "250 2.0.0 Ok: queued as 6614EAAC93B90". */
public final class QueueId {

    private static final Pattern QUEUED_AS = Pattern.compile("queued as ([A-Za-z0-9]+)");

    private QueueId() {}

    /** The id, or null when the reply names none. */
    public static String of(String reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = QUEUED_AS.matcher(reply);
        return m.find() ? m.group(1) : null;
    }
}
