package dev.maillab.smtp.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Users from a Dovecot passwd-file plus an aliases file, both re-read when they change on disk.
 * The mailbox of an address is always the passwd-file user's home, never anything taken from the
 * address text (the seed's "Maildir path mismatch").
 */
@Component
public class PasswdFileUserDirectory implements UserDirectory {

    /** Addresses RFC 5321/2142 expect on every mail domain; they go to the first user unless aliased. */
    static final List<String> BUILT_IN_ALIASES = List.of("postmaster", "abuse", "root");
    private static final String POSTMASTER = "postmaster";
    private static final int MAX_ALIAS_DEPTH = 8;

    private final WatchedFile<Map<String, PasswdEntry>> users;
    private final WatchedFile<Map<String, List<String>>> aliases;

    public PasswdFileUserDirectory(UsersProperties properties) {
        PasswdFileParser passwd = new PasswdFileParser(properties.mailRoot());
        this.users = new WatchedFile<>(properties.file(), passwd::parse, Map.of());
        Path aliasesFile = properties.aliasesFile();
        this.aliases = aliasesFile == null ? null
                : new WatchedFile<>(aliasesFile, new AliasFileParser()::parse, Map.of());
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

    /** Every user of the passwd-file, in file order. */
    public List<MailUser> users() {
        return users.get().values().stream().map(PasswdEntry::user).toList();
    }

    private void resolve(String name, Map<String, PasswdEntry> byName, Set<MailUser> found, int depth) {
        PasswdEntry direct = lookup(byName, name);
        if (direct != null) {
            found.add(direct.user());
            return;
        }
        if (depth >= MAX_ALIAS_DEPTH) {
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
        return aliases == null ? Map.of() : aliases.get();
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
