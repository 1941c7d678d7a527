package dev.maillab.dns.namedconf;

import dev.maillab.dns.namedconf.ConfTokenizer.Kind;
import dev.maillab.dns.namedconf.ConfTokenizer.Token;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Reads the named.conf subset a lab uses: {@code options { directory; listen-on port; recursion; forwarders;
 * allow-transfer; }}, {@code zone "..." { type primary|master; file; allow-transfer; }} and {@code include}.
 * Everything else is logged and skipped, so a BIND user's file loads as it is.
 */
public final class NamedConfParser {

    private static final Logger log = LoggerFactory.getLogger(NamedConfParser.class);
    private static final int MAX_INCLUDE_DEPTH = 8;
    private static final int DNS_PORT = 53;

    private final Path namedConf;
    private final Path confDir;
    /** Notes about skipped statements go to INFO on the first read and to DEBUG on reloads, not every 2 s. */
    private final boolean verbose;

    private final Set<Path> files = new LinkedHashSet<>();

    private NamedConfParser(Path namedConf, boolean verbose) {
        this.verbose = verbose;
        this.namedConf = namedConf.toAbsolutePath().normalize();
        Path parent = this.namedConf.getParent();
        this.confDir = parent != null ? parent : Path.of("/");
    }

    /** Reads {@code namedConf} and what it includes; throws {@link ConfigFileException} ({@code file:line: ...}). */
    public static NamedConf parse(Path namedConf) {
        return parse(namedConf, true);
    }

    /** As {@link #parse(Path)}; {@code verbose=false} (reloads) logs skipped statements at DEBUG only. */
    public static NamedConf parse(Path namedConf, boolean verbose) {
        return new NamedConfParser(namedConf, verbose).read();
    }

    private NamedConf read() {
        List<Statement> statements = statements(namedConf, 0, namedConf, 0);
        String directory = null;
        int directoryLine = 0;
        OptionalInt listenPort = OptionalInt.empty();
        boolean recursion = false;
        List<InetSocketAddress> forwarders = new ArrayList<>();
        AddressMatchList allowTransfer = AddressMatchList.LOOPBACK_ONLY;
        List<Statement> zoneStatements = new ArrayList<>();

        for (Statement statement : statements) {
            switch (statement.keyword()) {
                case "options" -> {
                    for (Statement option : statement.requireBlock()) {
                        switch (option.keyword()) {
                            case "directory" -> {
                                directory = option.arg(0);
                                directoryLine = option.line();
                            }
                            case "listen-on" ->
                                listenPort = port(option).map(OptionalInt::of).orElse(listenPort);
                            case "recursion" -> recursion = yesNo(option);
                            case "forwarders" -> forwarders = forwarders(option);
                            case "allow-transfer" -> allowTransfer = addressList(option);
                            default -> ignored(option);
                        }
                    }
                }
                case "zone" -> zoneStatements.add(statement);
                default -> ignored(statement);
            }
        }

        Path base = zoneBase(directory, directoryLine);
        List<ZoneDeclaration> zones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Statement statement : zoneStatements) {
            ZoneDeclaration zone = zone(statement, base, allowTransfer);
            if (zone == null) {
                continue;
            }
            if (!seen.add(zone.name().toLowerCase(Locale.ROOT))) {
                throw new ConfigFileException(
                        statement.file(), statement.line(), "zone '" + zone.name() + "' is declared twice");
            }
            files.add(zone.file());
            zones.add(zone);
        }
        return new NamedConf(namedConf, listenPort, recursion, forwarders, zones, files);
    }

    /**
     * Zone files are relative to {@code directory} when it exists here, else to named.conf's own folder. A relative
     * {@code directory} that names named.conf's own folder (the repository's {@code "zones"}, right for BIND's tools
     * run from the folder above) is that folder, without a note.
     */
    private Path zoneBase(String directory, int line) {
        if (directory == null) {
            return confDir;
        }
        requirePath(directory, namedConf, line, "directory");
        Path dir = confDir.resolve(directory).normalize();
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path named = Path.of(directory).normalize();
        if (!named.isAbsolute() && !named.toString().isEmpty() && confDir.endsWith(named)) {
            return confDir;
        }
        note(
                "{}:{}: directory \"{}\" does not exist here; zone files are read relative to {}",
                namedConf,
                line,
                directory,
                confDir);
        return confDir;
    }

    private ZoneDeclaration zone(Statement statement, Path base, AddressMatchList defaultTransfer) {
        String name = absolute(statement, statement.arg(0));
        if (statement.args().size() > 1 && !statement.args().get(1).equalsIgnoreCase("IN")) {
            note(
                    "{}:{}: zone '{}' is class {}, only IN is served; skipped",
                    statement.file(),
                    statement.line(),
                    name,
                    statement.args().get(1));
            return null;
        }
        String type = null;
        String file = null;
        int fileLine = statement.line();
        AddressMatchList allowTransfer = defaultTransfer;
        for (Statement option : statement.requireBlock()) {
            switch (option.keyword()) {
                case "type" -> type = option.arg(0).toLowerCase(Locale.ROOT);
                case "file" -> {
                    file = option.arg(0);
                    fileLine = option.line();
                }
                case "allow-transfer" -> allowTransfer = addressList(option);
                default -> ignored(option);
            }
        }
        if (type == null) {
            throw new ConfigFileException(statement.file(), statement.line(), "zone '" + name + "' has no type");
        }
        if (!type.equals("primary") && !type.equals("master")) {
            note(
                    "{}:{}: zone '{}' is type {}, only primary/master zones are served; skipped",
                    statement.file(),
                    statement.line(),
                    name,
                    type);
            return null;
        }
        if (file == null) {
            throw new ConfigFileException(statement.file(), statement.line(), "zone '" + name + "' has no file");
        }
        requirePath(file, statement.file(), fileLine, "file");
        return new ZoneDeclaration(name, resolve(base, file), allowTransfer, statement.file(), fileLine);
    }

    /** A string the file system cannot take as a path (a NUL in it) is an error of that line, not a crash. */
    private static void requirePath(String text, Path file, int line, String what) {
        try {
            Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigFileException(
                    file, line, what + " \"" + text.replace("\0", "\\0") + "\" is not a path: " + e.getReason());
        }
    }

    /** An absolute path that does not exist here (a BIND layout) falls back to the same name next to named.conf. */
    private Path resolve(Path base, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            if (Files.exists(path) || path.getFileName() == null) {
                return path.normalize();
            }
            return confDir.resolve(path.getFileName()).normalize();
        }
        return base.resolve(path).normalize();
    }

    private static String absolute(Statement statement, String zone) {
        try {
            return Name.fromString(zone, Name.root).toString();
        } catch (TextParseException e) {
            throw new ConfigFileException(statement.file(), statement.line(), "bad zone name '" + zone + "'");
        }
    }

    private static Optional<Integer> port(Statement option) {
        List<String> args = option.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("port")) {
                return Optional.of(number(option, option.arg(i + 1)));
            }
        }
        return Optional.empty();
    }

    private static int number(Statement statement, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigFileException(statement.file(), statement.line(), "bad port '" + text + "'");
        }
    }

    private static boolean yesNo(Statement option) {
        return switch (option.arg(0).toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1" -> true;
            case "no", "false", "0" -> false;
            default ->
                throw new ConfigFileException(
                        option.file(),
                        option.line(),
                        "'" + option.keyword() + "' must be yes or no, not '" + option.arg(0) + "'");
        };
    }

    private static List<InetSocketAddress> forwarders(Statement option) {
        int defaultPort = port(option).orElse(DNS_PORT);
        List<InetSocketAddress> result = new ArrayList<>();
        for (Statement entry : option.requireBlock()) {
            int port = port(entry).orElse(defaultPort);
            result.add(new InetSocketAddress(literal(entry, entry.keyword()), port));
        }
        return result;
    }

    private static InetAddress literal(Statement statement, String text) {
        if (!text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
            throw new ConfigFileException(statement.file(), statement.line(), "'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new ConfigFileException(statement.file(), statement.line(), "'" + text + "' is not an IP address");
        }
    }

    private static AddressMatchList addressList(Statement option) {
        List<String> written = new ArrayList<>();
        for (Statement entry : option.requireBlock()) {
            if (entry.keyword().equals("!") && !entry.args().isEmpty()) {
                written.add("!" + entry.args().get(0));
            } else {
                written.add(entry.keyword());
            }
        }
        try {
            return AddressMatchList.parse(written);
        } catch (IllegalArgumentException e) {
            throw new ConfigFileException(option.file(), option.line(), e.getMessage());
        }
    }

    private void ignored(Statement statement) {
        note(
                "{}:{}: '{}' is not used by maillab dns-server; ignored",
                statement.file(),
                statement.line(),
                statement.keyword());
    }

    private void note(String format, Object... args) {
        if (verbose) {
            log.info(format, args);
        } else {
            log.debug(format, args);
        }
    }

    // --- generic statement syntax --------------------------------------------------------------------------

    private List<Statement> statements(Path file, int depth, Path includedFrom, int includeLine) {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new ConfigFileException(includedFrom, includeLine, "includes nested too deeply");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (depth == 0) {
                throw new ConfigFileException(file, 1, "cannot read: " + describe(e), e);
            }
            throw new ConfigFileException(
                    includedFrom, includeLine, "cannot read include " + file + ": " + describe(e), e);
        }
        files.add(file);
        List<Token> tokens = ConfTokenizer.tokenize(file, text);
        int[] position = {0};
        List<Statement> parsed = block(file, tokens, position, null);
        List<Statement> result = new ArrayList<>();
        for (Statement statement : parsed) {
            if (statement.keyword().equals("include")) {
                Path included = resolve(confDir, statement.arg(0));
                result.addAll(statements(included, depth + 1, file, statement.line()));
            } else {
                result.add(statement);
            }
        }
        return result;
    }

    /** Statements up to the matching '}' (or the end of the file when {@code open} is null). */
    private static List<Statement> block(Path file, List<Token> tokens, int[] position, Token open) {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            if (position[0] >= tokens.size()) {
                if (open != null) {
                    throw new ConfigFileException(file, open.line(), "'{' is never closed");
                }
                return statements;
            }
            Token first = tokens.get(position[0]);
            if (first.kind() == Kind.CLOSE) {
                if (open == null) {
                    throw new ConfigFileException(file, first.line(), "'}' without a matching '{'");
                }
                position[0]++;
                return statements;
            }
            if (first.kind() == Kind.SEMICOLON) { // a stray ';' is harmless
                position[0]++;
                continue;
            }
            if (first.kind() == Kind.OPEN) {
                throw new ConfigFileException(file, first.line(), "'{' where a statement was expected");
            }
            position[0]++;
            List<String> args = new ArrayList<>();
            List<Statement> inner = null;
            Token last = first;
            while (position[0] < tokens.size()) {
                Token token = tokens.get(position[0]);
                if (token.kind() == Kind.WORD || token.kind() == Kind.STRING) {
                    if (inner != null) {
                        break; // "};" missing its ';': reported below
                    }
                    args.add(token.text());
                    last = token;
                    position[0]++;
                } else if (token.kind() == Kind.OPEN && inner == null) {
                    position[0]++;
                    inner = block(file, tokens, position, token);
                    last = tokens.get(position[0] - 1);
                } else {
                    break;
                }
            }
            if (position[0] >= tokens.size() || tokens.get(position[0]).kind() != Kind.SEMICOLON) {
                throw new ConfigFileException(
                        file,
                        last.line(),
                        "missing ';' after '" + first.text() + "'" + (inner != null ? " { ... }" : ""));
            }
            position[0]++;
            statements.add(new Statement(
                    first.text(), List.copyOf(args), inner == null ? null : List.copyOf(inner), file, first.line()));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
