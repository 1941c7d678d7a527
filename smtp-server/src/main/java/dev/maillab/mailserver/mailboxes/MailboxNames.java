package dev.maillab.mailserver.mailboxes;

import java.util.regex.Pattern;

/**
 * The names a request may carry, checked before anything is looked up: a user, a message id, a MIME part path (the
 * web console checks the same before it asks). None may hold "/" or "..". They are only ever compared with the
 * passwd-file's users and a Maildir's entries, never made into paths, but a name that could not be one is a 400
 * rather than a 404.
 */
final class MailboxNames {

    /** Numbers in a part path ("1.2.3" has three): the depth of the MIME tree a detail describes. */
    static final int MAX_PART_NUMBERS = 32;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    // <secs>.M<usec>P<pid>Q<n>.<host>, with the ,S=<size> and :2,<flags> of a file name, and other writers' names
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._,:=+-]{0,254}");

    private static final Pattern PART = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){0," + (MAX_PART_NUMBERS - 1) + "}");

    private static final int SHOWN = 80;

    private MailboxNames() {}

    static String user(String user) {
        return checked("user name", user, USER);
    }

    static String id(String id) {
        return checked("message id", id, ID);
    }

    static String part(String path) {
        return checked("part path (1, 1.2, ...)", path, PART);
    }

    private static String checked(String what, String value, Pattern allowed) {
        if (value == null
                || value.contains("..")
                || value.contains("/")
                || !allowed.matcher(value).matches()) {
            throw MailboxProblem.badRequest("not a " + what + ": \"" + shown(value) + "\"");
        }
        return value;
    }

    /** The value as a detail may quote it: control characters as '?', at most 80 characters. */
    static String shown(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < SHOWN; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return value.length() > SHOWN ? sb + "..." : sb.toString();
    }
}
