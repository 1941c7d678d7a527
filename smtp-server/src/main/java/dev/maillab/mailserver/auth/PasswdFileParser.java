package dev.maillab.mailserver.auth;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dovecot passwd-file, all of it or nothing: the first line that could send mail somewhere unexpected (a
 * name with '/' or "..", a relative home or one with ".." in it), that cannot be verified (an unknown scheme, a
 * hash cut short) or that repeats a user throws {@link UsersFileException} naming the file and line. Blank lines
 * and lines starting with '#' are skipped.
 */
final class PasswdFileParser {

    /** Conservative login names: they become directory names under the mail root. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}");

    private static final Pattern SCHEME_PREFIX = Pattern.compile("\\{([A-Za-z0-9.-]+)}(.*)", Pattern.DOTALL);

    private final Path mailRoot;

    PasswdFileParser(Path mailRoot) {
        this.mailRoot = mailRoot.toAbsolutePath().normalize();
    }

    /** The users in file order (the first one receives the built-in aliases). */
    Map<String, PasswdEntry> parse(Path file, List<String> lines) {
        Map<String, PasswdEntry> users = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            PasswdEntry entry = parseLine(line, file, number);
            Integer first = lineOf.putIfAbsent(entry.user().name(), number);
            if (first != null) {
                throw new UsersFileException(
                        "users",
                        file,
                        number,
                        "duplicate user '" + entry.user().name() + "' (first on line " + first + ")");
            }
            users.put(entry.user().name(), entry);
        }
        return users;
    }

    private PasswdEntry parseLine(String line, Path file, int number) {
        String[] fields = line.split(":", -1);
        String name = fields[0];
        if (!NAME.matcher(name).matches()) {
            throw new UsersFileException(
                    "users",
                    file,
                    number,
                    "user name '" + name
                            + "' not allowed: only letters, digits and . _ + - (no '/', no '..', at most 64)");
        }
        if (name.contains("..")) {
            throw new UsersFileException("users", file, number, "user name '" + name + "' contains '..'");
        }
        if (fields.length < 2 || fields[1].isEmpty()) {
            throw new UsersFileException("users", file, number, "user '" + name + "' has no password");
        }
        String declared = "CRYPT"; // Dovecot's default scheme for passwd-files
        String hash = fields[1];
        if (hash.startsWith("{")) {
            Matcher m = SCHEME_PREFIX.matcher(hash);
            if (!m.matches()) {
                throw new UsersFileException("users", file, number, "unknown scheme " + hash);
            }
            declared = m.group(1);
            hash = m.group(2);
        }
        PasswordScheme scheme = PasswordScheme.forName(declared);
        if (scheme == null) {
            throw new UsersFileException("users", file, number, "unknown scheme {" + declared + "}");
        }
        if (!PasswordScheme.wellFormed(declared, hash)) {
            throw new UsersFileException(
                    "users",
                    file,
                    number,
                    "user '" + name + "': the {" + declared + "} hash is malformed or cut short");
        }
        Path home = homeOf(name, fields.length > 5 ? fields[5] : "", file, number);
        return new PasswdEntry(new MailUser(name, home), scheme, hash);
    }

    private Path homeOf(String name, String field, Path file, int number) {
        if (field.isEmpty()) {
            return mailRoot.resolve(name);
        }
        Path home;
        try {
            home = Path.of(field);
        } catch (InvalidPathException e) {
            throw new UsersFileException(
                    "users", file, number, "user '" + name + "': home is not a path (" + e.getReason() + ")");
        }
        if (!home.isAbsolute() || !home.normalize().equals(home) || field.contains("..")) {
            throw new UsersFileException(
                    "users",
                    file,
                    number,
                    "user '" + name + "': home '" + field + "' is not a plain absolute path (relative, or with '..')");
        }
        return home;
    }
}
