package dev.maillab.mailserver.pop3.policy;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Maildrops with a POP3 session open, for {@code lock-session=true} (one session per maildrop). */
public final class MaildropLocks {

    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    public boolean tryLock(Path maildir) {
        return held.add(maildir);
    }

    public void unlock(Path maildir) {
        held.remove(maildir);
    }
}
