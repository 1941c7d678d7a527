package dev.maillab.mailserver.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.testkit.TestProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirMailStoreTest {

    private static final byte[] HEADERS =
            "Return-Path: <a@example.local>\r\nDelivered-To: test@example.local\r\n".getBytes(US_ASCII);
    private static final byte[] MESSAGE =
            "From: a@example.local\r\nSubject: hi\r\n\r\nbody\r\n.dot line\r\n".getBytes(US_ASCII);

    @TempDir
    Path root;

    private final MaildirMailStore store = new MaildirMailStore(
            TestProperties.bind(MaildirProperties.class, Map.of("hostname", "mail.example.local")));

    private MailUser user(String name) {
        return new MailUser(name, root.resolve(name));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void deliveryCreatesTheMaildirAndLeavesOneCompleteFileInNew() throws IOException {
        MailUser test = user("test");
        String uidl = store.deliver(test, HEADERS, MESSAGE);

        Path maildir = root.resolve("test/Maildir");
        assertThat(maildir.resolve("cur")).isEmptyDirectory();
        assertThat(maildir.resolve("tmp")).isEmptyDirectory();
        List<Path> delivered = list(maildir.resolve("new"));
        assertThat(delivered).hasSize(1);

        Path file = delivered.get(0);
        byte[] expected = (new String(HEADERS, US_ASCII) + new String(MESSAGE, US_ASCII)).getBytes(US_ASCII);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);

        String name = file.getFileName().toString();
        assertThat(name).matches("\\d{10}\\.M\\d{6}P\\d+Q\\d+\\.mail\\.example\\.local,S=\\d+,W=\\d+");
        assertThat(name).startsWith(uidl + ",");
        MaildirName parsed = MaildirName.parse(name);
        assertThat(parsed.base()).isEqualTo(uidl);
        assertThat(parsed.size()).isEqualTo(expected.length).isEqualTo(Files.size(file));
        assertThat(parsed.rfc822Size()).isEqualTo(expected.length);
        // RFC 1939: a UIDL is 1 to 70 characters in 0x21..0x7E
        assertThat(uidl).hasSizeLessThanOrEqualTo(70).matches("[\\x21-\\x7e]+");
        assertThat(store.directoryFsyncs(test)).isEqualTo(1);
    }

    @Test
    void eachDeliveryGetsItsOwnNameAndCopy() throws IOException {
        MailUser alice = user("alice");
        MailUser bob = user("bob");
        Set<String> uidls = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            uidls.add(store.deliver(alice, HEADERS, MESSAGE));
        }
        uidls.add(store.deliver(bob, HEADERS, MESSAGE));
        assertThat(uidls).hasSize(21);
        assertThat(list(root.resolve("alice/Maildir/new"))).hasSize(20);
        assertThat(list(root.resolve("bob/Maildir/new"))).hasSize(1);
    }

    @Test
    void concurrentDeliveriesToOneMaildirAllLandAndShareDirectoryFsyncs() throws Exception {
        MailUser test = user("test");
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        byte[] body = ("Subject: " + id + "-" + i + "\r\n\r\nx\r\n").getBytes(US_ASCII);
                        mine.add(store.deliver(test, HEADERS, body));
                    }
                    return mine;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : results) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdown();
        }
        List<Path> files = list(root.resolve("test/Maildir/new"));
        assertThat(files).hasSize(threads * perThread);
        for (Path f : files) {
            MaildirName n = MaildirName.parse(f.getFileName().toString());
            assertThat(Files.size(f)).isEqualTo(n.size());
        }
        assertThat(root.resolve("test/Maildir/tmp")).isEmptyDirectory();
        assertThat(store.directoryFsyncs(test)).isBetween(1L, (long) threads * perThread);
    }

    @Test
    void aMaildirRemovedBehindOurBackIsCreatedAgain() throws IOException {
        MailUser test = user("test");
        store.deliver(test, HEADERS, MESSAGE);
        deleteTree(root.resolve("test"));
        store.deliver(test, HEADERS, MESSAGE);
        assertThat(list(root.resolve("test/Maildir/new"))).hasSize(1);
    }

    @Test
    void anUnusableMaildirFailsTheDeliveryAndStoresNothing() throws IOException {
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/Maildir"), "not a directory");
        assertThatThrownBy(() -> store.deliver(user("broken"), HEADERS, MESSAGE))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(root.resolve("broken/Maildir"))).isEqualTo("not a directory");
    }

    @Test
    void staleTmpFilesFromACrashAreRemovedOnFirstUseButFreshOnesAreKept() throws IOException {
        Path tmp = Files.createDirectories(root.resolve("test/Maildir/tmp"));
        Path stale = Files.writeString(tmp.resolve("1.M1P1Q1.host"), "half a message");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(37))));
        Path fresh = Files.writeString(tmp.resolve("2.M1P1Q1.host"), "being written");

        store.deliver(user("test"), HEADERS, MESSAGE);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(list(root.resolve("test/Maildir/new"))).hasSize(1);
    }

    @Test
    void namesParseWithAndWithoutSizesAndFlags() {
        MaildirName plain = MaildirName.parse("1700000000.M000001P12Q3.host");
        assertThat(plain.base()).isEqualTo("1700000000.M000001P12Q3.host");
        assertThat(plain.size()).isEqualTo(-1);
        assertThat(plain.seenName()).isEqualTo("1700000000.M000001P12Q3.host:2,S");

        MaildirName flagged = MaildirName.parse("1700000000.M000001P12Q3.host,S=10,W=12:2,RF");
        assertThat(flagged.base()).isEqualTo("1700000000.M000001P12Q3.host");
        assertThat(flagged.size()).isEqualTo(10);
        assertThat(flagged.rfc822Size()).isEqualTo(12);
        assertThat(flagged.seenName()).isEqualTo("1700000000.M000001P12Q3.host,S=10,W=12:2,FRS");
        assertThat(MaildirName.parse("1.M1P1Q1.h:2,S").seenName()).isEqualTo("1.M1P1Q1.h:2,S");
    }

    @Test
    void hostNamesAreEscapedAsTheMaildirSpecSays() {
        assertThat(UniqueNames.sanitize("a/b:c,d e")).isEqualTo("a\\057b\\072cde");
        assertThat(UniqueNames.sanitize("")).isEqualTo("localhost");
        assertThat(new UniqueNames("").host()).isNotBlank();
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
