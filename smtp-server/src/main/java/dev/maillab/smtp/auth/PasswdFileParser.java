package dev.maillab.smtp.auth;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Dovecot passwd-file. A line that could send mail somewhere unexpected (a name with '/' or
 * "..", a relative home or one with ".." in it) or that cannot be verified is skipped with a log line
 * naming the file and line number; the other users stay usable.
 */
final class PasswdFileParser {

    private static final Logger log = LoggerFactory.getLogger(PasswdFileParser.class);

    /** Conservative login names: they become directory names under the mail root. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}");
    private static final Pattern SCHEME_PREFIX = Pattern.compile("\\{([A-Za-z0-9.-]+)}(.*)", Pattern.DOTALL);

    private final Path mailRoot;

    PasswdFileParser(Path mailRoot) {
        this.mailRoot = mailRoot.toAbsolutePath().normalize();
    }

    /** The users in file order (the first one receives the built-in aliases). */
    Map<String, PasswdEntry> parse(Path file, List<String> lines) {
        Map<String, PasswdEntry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            PasswdEntry entry = parseLine(line, where);
            if (entry == null) {
                continue;
            }
            if (users.putIfAbsent(entry.user().name(), entry) != null) {
                log.warn("{}: duplicate user '{}' ignored (the first entry wins)", where, entry.user().name());
            }
        }
        return users;
    }

    private PasswdEntry parseLine(String line, String where) {
        String[] fields = line.split(":", -1);
        String name = fields[0];
        if (!NAME.matcher(name).matches()) {
            log.warn("{}: user name '{}' rejected: only letters, digits and . _ + - are allowed (no '/', no '..')",
                    where, name);
            return null;
        }
        if (fields.length < 2 || fields[1].isEmpty()) {
            log.warn("{}: user '{}' has no password field and cannot log in; skipped", where, name);
            return null;
        }
        PasswordScheme scheme = PasswordScheme.CRYPT;
        String hash = fields[1];
        Matcher m = SCHEME_PREFIX.matcher(hash);
        if (m.matches()) {
            scheme = PasswordScheme.forName(m.group(1));
            hash = m.group(2);
            if (scheme == null) {
                log.warn("{}: user '{}' uses unsupported password scheme {{}}; skipped", where, name, m.group(1));
                return null;
            }
        }
        Path home = homeOf(name, fields.length > 5 ? fields[5] : "", where);
        return home == null ? null : new PasswdEntry(new MailUser(name, home), scheme, hash);
    }

    private Path homeOf(String name, String field, String where) {
        if (field.isEmpty()) {
            return mailRoot.resolve(name);
        }
        Path home = Path.of(field);
        if (!home.isAbsolute() || !home.normalize().equals(home) || field.contains("..")) {
            log.warn("{}: user '{}' has home '{}' which is not a plain absolute path; skipped", where, name, field);
            return null;
        }
        return home;
    }
}
