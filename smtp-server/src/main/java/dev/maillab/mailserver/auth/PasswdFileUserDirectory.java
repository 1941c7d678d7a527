package dev.maillab.mailserver.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users from a Dovecot passwd-file plus an aliases file, both re-read when they change on disk, each all or
 * nothing (see {@link WatchedFile}): a broken file at start-up stops the server, a broken reload keeps the last
 * good content. The mailbox of an address is always the passwd-file user's home, never anything taken from the
 * address text, so no spelling of an address can make delivery and POP3 disagree or write outside the homes.
 */
public class PasswdFileUserDirectory implements UserDirectory {

    /** Addresses RFC 5321/2142 expect on every mail domain; they go to the first user unless aliased. */
    static final List<String> BUILT_IN_ALIASES = List.of("postmaster", "abuse", "root");

    private static final String POSTMASTER = "postmaster";
    private static final Logger log = LoggerFactory.getLogger(PasswdFileUserDirectory.class);

    private final WatchedFile<Map<String, PasswdEntry>> users;
    private final WatchedFile<Map<String, List<String>>> aliases;

    /** The pair of tables whose alias targets were last checked against the users. */
    private volatile List<Object> checked = List.of();

    /** @throws UsersFileException when a file exists but does not parse whole */
    public PasswdFileUserDirectory(UsersProperties properties) {
        PasswdFileParser passwd = new PasswdFileParser(properties.mailRoot());
        this.users = new WatchedFile<>("users", properties.file(), passwd::parse, Map.of(), Map::size, properties);
        Path aliasesFile = properties.aliasesFile();
        this.aliases = aliasesFile == null
                ? null
                : new WatchedFile<>(
                        "aliases", aliasesFile, new AliasFileParser()::parse, Map.of(), Map::size, properties);
        aliasTable();
    }

    /** The users file's state: what look-ups use and whether the file on disk was refused. */
    WatchedFile.Status usersStatus() {
        return users.status();
    }

    /** The aliases file's state, or null without one. */
    WatchedFile.Status aliasesStatus() {
        return aliases == null ? null : aliases.status();
    }

    @Override
    public Optional<MailUser> find(String name) {
        return entry(name).map(PasswdEntry::user);
    }

    @Override
    public Optional<MailUser> authenticate(String name, String password) {
        if (name == null || password == null) {
            return Optional.empty();
        }
        return entry(name).filter(e -> e.verify(password)).map(PasswdEntry::user);
    }

    @Override
    public Optional<MailUser> authenticateApop(String name, String timestamp, String digest) {
        if (name == null || timestamp == null || digest == null) {
            return Optional.empty();
        }
        return entry(name).filter(e -> e.verifyApop(timestamp, digest)).map(PasswdEntry::user);
    }

    @Override
    public List<MailUser> resolveRecipient(String localPart) {
        if (localPart == null || localPart.isEmpty()) {
            return List.of();
        }
        Map<String, PasswdEntry> byName = users.get();
        Set<MailUser> found = new LinkedHashSet<>();
        resolve(localPart, byName, found, 0);
        if (found.isEmpty() && POSTMASTER.equalsIgnoreCase(localPart)) {
            // postmaster@ must always be deliverable, even if the aliases file points nowhere
            byName.values().stream().findFirst().ifPresent(e -> found.add(e.user()));
        }
        return List.copyOf(found);
    }

    @Override
    public List<MailUser> users() {
        return users.get().values().stream().map(PasswdEntry::user).toList();
    }

    private void resolve(String name, Map<String, PasswdEntry> byName, Set<MailUser> found, int depth) {
        PasswdEntry direct = lookup(byName, name);
        if (direct != null) {
            found.add(direct.user());
            return;
        }
        if (depth >= AliasFileParser.MAX_DEPTH) {
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        List<String> targets = aliasTable().get(key);
        if (targets != null) {
            for (String target : targets) {
                resolve(target, byName, found, depth + 1);
            }
        } else if (BUILT_IN_ALIASES.contains(key)) {
            byName.values().stream().findFirst().ifPresent(e -> found.add(e.user()));
        }
    }

    private Map<String, List<String>> aliasTable() {
        if (aliases == null) {
            return Map.of();
        }
        Map<String, List<String>> table = aliases.get();
        Map<String, PasswdEntry> byName = users.get();
        List<Object> pair = checked;
        if (pair.isEmpty() || pair.get(0) != byName || pair.get(1) != table) {
            checked = List.of(byName, table);
            warnAboutDeadTargets(byName, table);
        }
        return table;
    }

    /** Targets that are neither user nor alias are skipped by delivery; said once per version of either file. */
    private void warnAboutDeadTargets(Map<String, PasswdEntry> byName, Map<String, List<String>> table) {
        for (Map.Entry<String, List<String>> alias : table.entrySet()) {
            if (lookup(byName, alias.getKey()) != null) {
                log.warn(
                        "aliases: '{}' is also a user; mail for it goes to the user, the alias is not used",
                        alias.getKey());
            }
            for (String target : alias.getValue()) {
                if (lookup(byName, target) == null && !table.containsKey(target)) {
                    log.warn(
                            "aliases: '{}' names '{}', which is neither a user nor an alias; delivery skips it",
                            alias.getKey(),
                            target);
                }
            }
        }
    }

    private Optional<PasswdEntry> entry(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(lookup(users.get(), name));
    }

    /** Exact name first; local parts are case-insensitive in practice, so fall back to a unique case-insensitive match. */
    private static PasswdEntry lookup(Map<String, PasswdEntry> byName, String name) {
        PasswdEntry exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        List<PasswdEntry> folded = new ArrayList<>(1);
        for (PasswdEntry e : byName.values()) {
            if (e.user().name().equalsIgnoreCase(name)) {
                folded.add(e);
            }
        }
        return folded.size() == 1 ? folded.get(0) : null;
    }
}
