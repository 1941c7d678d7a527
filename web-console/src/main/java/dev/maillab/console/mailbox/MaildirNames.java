package dev.maillab.console.mailbox;

import dev.maillab.console.BadInputException;
import java.util.regex.Pattern;

/**
 * The names a URL may carry before the console passes them to smtp-server: a user name, a Maildir base name, a
 * MIME part path. None may hold "/" or "..", so none can name a file outside the user's Maildir, whatever the service
 * does with it; anything else is a 400 here.
 */
public final class MaildirNames {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    // <secs>.M<usec>P<pid>Q<n>.<host>,S=<size> and what other Maildir writers put there, the :2,<flags> suffix too
    private static final Pattern MESSAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._,:=+-]{0,254}");

    private static final Pattern PART = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){0,31}");

    private MaildirNames() {}

    public static String user(String user) {
        return checked("user", user, USER);
    }

    public static String message(String id) {
        return checked("message id", id, MESSAGE);
    }

    public static String part(String path) {
        return checked("part", path, PART);
    }

    /**
     * The base name of a Maildir file (a path or a file name): the name up to its first "," or ":", without the
     * ",S=size" fields and the ":2,flags" info. It is the POP3 UIDL and smtp-server's message id, and it stays the
     * same when the file moves from new/ to cur/.
     */
    public static String baseName(String name) {
        if (name == null) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        String file = slash < 0 ? name : name.substring(slash + 1);
        int end = file.length();
        for (int i = 0; i < file.length(); i++) {
            if (file.charAt(i) == ',' || file.charAt(i) == ':') {
                end = i;
                break;
            }
        }
        return file.substring(0, end);
    }

    private static String checked(String what, String value, Pattern allowed) {
        if (value == null || value.contains("..") || !allowed.matcher(value).matches()) {
            throw new BadInputException(
                    "not a valid " + what + ": \"" + BadInputException.shown(value == null ? "" : value) + "\"");
        }
        return value;
    }
}
