package dev.maillab.client.check;

import dev.maillab.client.dns.HostResolver;
import dev.maillab.client.pop3.MaildropSnapshot;
import dev.maillab.client.pop3.Pop3Exception;
import dev.maillab.client.pop3.Pop3Session;
import dev.maillab.client.pop3.Transcript;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One check run: resolve the host, talk POP3, judge each message, compare with the expectations; with a wait,
 * poll until the expected mail is there or the time is up. Retrieved messages are deleted (--delete) only when
 * the run passed, so a failing message stays for inspection.
 */
public class MaildropChecker {

    /**
     * @param host         POP3 host name (or address)
     * @param port         POP3 port
     * @param session      login and TLS options
     * @param expectations what must be there
     * @param lenient      missing To/Subject/Message-ID only warns
     * @param delete       delete the retrieved messages after a passing run
     * @param waitFor      keep polling this long (zero = one try)
     * @param pollInterval pause between polls
     */
    public record Settings(
            String host,
            int port,
            Pop3Session.Options session,
            Expectations expectations,
            boolean lenient,
            boolean delete,
            Duration waitFor,
            Duration pollInterval) {}

    private final HostResolver resolver;
    private final Pop3Session pop3;
    private final Clock clock;
    private final Consumer<String> progress;

    /** @param progress receives one line per unsuccessful poll (stderr in the CLI) */
    public MaildropChecker(HostResolver resolver, Pop3Session pop3, Clock clock, Consumer<String> progress) {
        this.resolver = resolver;
        this.pop3 = pop3;
        this.clock = clock;
        this.progress = progress;
    }

    public CheckResult run(Settings s) throws InterruptedException {
        HostResolver.Resolved resolved;
        try {
            resolved = resolver.resolve(s.host());
        } catch (UnknownHostException e) {
            return error(s, null, null, e.getMessage(), new Transcript());
        }
        InetSocketAddress address = new InetSocketAddress(resolved.address(), s.port());
        MessageChecker checker = new MessageChecker(s.lenient());
        Instant deadline = clock.instant().plus(s.waitFor());
        int poll = 0;
        while (true) {
            poll++;
            Transcript transcript = new Transcript();
            transcript.note(
                    "# " + s.host() + " is " + resolved.address().getHostAddress() + " (" + resolved.how() + ")");
            List<MessageVerdict> verdicts = new ArrayList<>();
            List<String> unmet = new ArrayList<>();
            boolean lastChance = !clock.instant().isBefore(deadline);
            MaildropSnapshot snapshot;
            try {
                snapshot = pop3.run(s.host(), address, s.session(), transcript, retrieved -> {
                    retrieved.forEach(m -> verdicts.add(checker.check(m)));
                    return s.delete() && verdicts.stream().noneMatch(v -> v.status() == Status.FAIL);
                });
            } catch (Pop3Exception e) {
                // a server still starting is worth waiting for; a wrong password or broken protocol is not
                if (e.kind() == Pop3Exception.Kind.CONNECTION && !lastChance) {
                    progress.accept("poll " + poll + ": " + e.getMessage() + "; retrying");
                    pause(s.pollInterval(), deadline);
                    continue;
                }
                return error(s, resolved, address, e.getMessage(), transcript);
            }
            unmet.addAll(s.expectations().unmet(snapshot, verdicts));
            if (!unmet.isEmpty() && !lastChance) {
                progress.accept("poll " + poll + ": " + String.join("; ", unmet) + "; waiting");
                pause(s.pollInterval(), deadline);
                continue;
            }
            return verdict(s, resolved, address, snapshot, verdicts, unmet, transcript);
        }
    }

    private void pause(Duration interval, Instant deadline) throws InterruptedException {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        Thread.sleep(Math.max(0, Math.min(interval.toMillis(), left)));
    }

    private CheckResult verdict(
            Settings s,
            HostResolver.Resolved resolved,
            InetSocketAddress address,
            MaildropSnapshot snapshot,
            List<MessageVerdict> verdicts,
            List<String> unmet,
            Transcript transcript) {
        List<String> failures = new ArrayList<>(unmet);
        for (MessageVerdict v : verdicts) {
            List<String> bad = v.findings().stream()
                    .filter(f -> f.status() == Status.FAIL)
                    .map(f -> f.check() + " " + f.note())
                    .toList();
            if (!bad.isEmpty()) {
                failures.add("message " + v.number() + ": " + String.join(", ", bad));
            }
        }
        int exit = failures.isEmpty() ? CheckResult.PASSED : CheckResult.CHECK_FAILED;
        String reason = failures.isEmpty()
                ? snapshot.count() + " message(s), " + verdicts.size() + " checked, all passed"
                        + (snapshot.deleted() ? ", deleted" : "")
                : String.join("; ", failures);
        return new CheckResult(
                s.host(),
                address.getAddress().getHostAddress(),
                s.port(),
                resolved.how(),
                s.session().user(),
                exit,
                reason,
                snapshot.count(),
                snapshot.octets(),
                snapshot.deleted(),
                List.copyOf(verdicts),
                transcript.lines());
    }

    private static CheckResult error(
            Settings s,
            HostResolver.Resolved resolved,
            InetSocketAddress address,
            String reason,
            Transcript transcript) {
        return new CheckResult(
                s.host(),
                address == null ? null : address.getAddress().getHostAddress(),
                s.port(),
                resolved == null ? null : resolved.how(),
                s.session().user(),
                CheckResult.ERROR,
                reason,
                -1,
                -1,
                false,
                List.of(),
                transcript.lines());
    }
}
