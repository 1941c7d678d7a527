package dev.maillab.mailserver.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.testkit.TestProperties;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailbox API's store over Maildirs that {@link MaildirMailStore} delivered into, POP3 moved in and another MDA
 * wrote a file of its own into.
 */
class MaildirMailboxStoreTest {

    private static final byte[] NO_HEADERS = new byte[0];

    @TempDir
    Path root;

    private final MaildirMailStore delivery = new MaildirMailStore(
            TestProperties.bind(MaildirProperties.class, Map.of("hostname", "mail.example.local")));
    private final MaildirMailboxStore store = new MaildirMailboxStore();

    private MailUser test() {
        return new MailUser("test", root.resolve("test"));
    }

    private String deliver(String text) throws IOException {
        return delivery.deliver(test(), NO_HEADERS, text.getBytes(US_ASCII));
    }

    @Test
    void aUserWithoutAMaildirHasNothing() throws IOException {
        assertThat(store.counts(test())).isEqualTo(new MaildirCounts(0, 0, 0));
        assertThat(store.newestFirst(test(), null, 10)).isEqualTo(new MessageListing(List.of(), 0, false));
        assertThat(store.find(test(), "1.M1P1Q1.x")).isEmpty();
        assertThat(store.delete(test(), "1.M1P1Q1.x")).isEmpty();
    }

    @Test
    void countsListsAndFindsWhatWasDeliveredMovedAndWrittenByAnother() throws IOException {
        String first = deliver("Subject: 1\r\n\r\none\r\n");
        String second = deliver("Subject: 2\r\n\r\ntwo\r\n");
        // POP3 showed the first: moved to cur/ as seen
        Maildrop drop = new MaildirMaildropStore().open(test());
        drop.update(List.of(), List.of(first));
        Path maildir = root.resolve("test/Maildir");
        // another MDA's file: no sizes in its name, bare LF; and what readers ignore
        Path foreign = maildir.resolve("cur/1.M1P1Q1.other:2,");
        Files.writeString(foreign, "Subject: old\n\nold\n");
        Files.writeString(maildir.resolve("new/.hidden"), "x");
        Files.writeString(maildir.resolve("tmp/2.M1P1Q1.being-written"), "x");

        long bytes = Files.size(foreign);
        for (String folder : List.of("new", "cur")) {
            try (var files = Files.list(maildir.resolve(folder))) {
                for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("."))
                        .toList()) {
                    bytes += f.equals(foreign) ? 0 : Files.size(f);
                }
            }
        }
        assertThat(store.counts(test())).isEqualTo(new MaildirCounts(1, 2, bytes));

        MessageListing all = store.newestFirst(test(), null, 10);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.more()).isFalse();
        assertThat(all.messages()).extracting(MessageFile::id).containsExactly(second, first, "1.M1P1Q1.other");
        assertThat(all.messages()).extracting(MessageFile::folder).containsExactly("new", "cur", "cur");
        assertThat(all.messages()).extracting(MessageFile::flags).containsExactly("", "S", "");
        MessageFile old = all.messages().get(2);
        assertThat(old.path()).isEqualTo(foreign.toAbsolutePath());
        assertThat(old.size()).isEqualTo(Files.size(foreign));

        // by its id, its name with sizes, its name with flags
        MessageFile shown = all.messages().get(1);
        assertThat(store.find(test(), first)).contains(shown);
        assertThat(store.find(test(), shown.path().getFileName().toString())).contains(shown);
        assertThat(store.find(test(), first + ",S=1")).contains(shown);
        assertThat(store.find(test(), ".hidden")).isEmpty();
        assertThat(store.find(test(), "2.M1P1Q1.being-written")).isEmpty();
    }

    @Test
    void pagesGoFromTheNewestToTheOldestWithoutRepeatingOne() throws IOException {
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delivered.add(deliver("Subject: " + i + "\r\n\r\n" + i + "\r\n"));
        }
        List<String> seen = new ArrayList<>();
        String before = null;
        MessageListing page;
        do {
            page = store.newestFirst(test(), before, 3);
            assertThat(page.total()).isEqualTo(7);
            assertThat(page.messages()).hasSizeLessThanOrEqualTo(3);
            page.messages().forEach(m -> seen.add(m.id()));
            before = page.messages().get(page.messages().size() - 1).id();
        } while (page.more());
        java.util.Collections.reverse(delivered);
        assertThat(seen).containsExactlyElementsOf(delivered);
    }

    @Test
    void openReadsTheFileAndFollowsItIntoCur() throws IOException {
        byte[] text = "Subject: read\r\n\r\nme\r\n".getBytes(US_ASCII);
        String id = delivery.deliver(test(), NO_HEADERS, text);
        MessageFile inNew = store.find(test(), id).orElseThrow();
        new MaildirMaildropStore().open(test()).update(List.of(), List.of(id));

        try (MessageContent content = store.open(test(), inNew)) {
            assertThat(content.size()).isEqualTo(text.length);
            ByteBuffer into = ByteBuffer.allocate(100);
            assertThat(content.read(into, 9)).isEqualTo(text.length - 9);
            assertThat(new String(into.array(), 0, into.position(), US_ASCII)).isEqualTo("read\r\n\r\nme\r\n");
        }
    }

    @Test
    void deleteUnlinksOnceAndAReaderThatOpenedItReadsOn() throws IOException {
        String id = deliver("Subject: bye\r\n\r\nbye\r\n");
        MessageFile m = store.find(test(), id).orElseThrow();

        try (MessageContent open = store.open(test(), m)) {
            assertThat(store.delete(test(), id)).contains(m);
            assertThat(m.path()).doesNotExist();
            ByteBuffer into = ByteBuffer.allocate((int) open.size());
            assertThat(open.read(into, 0)).isEqualTo(open.size());
        }
        assertThat(store.delete(test(), id)).isEmpty();
        assertThat(store.find(test(), id)).isEmpty();
        assertThatThrownBy(() -> store.open(test(), m)).isInstanceOf(NoSuchFileException.class);
    }
}
