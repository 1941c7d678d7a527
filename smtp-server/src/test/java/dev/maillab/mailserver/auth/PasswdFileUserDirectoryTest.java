package dev.maillab.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.testkit.TestProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswdFileUserDirectoryTest {

    /** The project's sample file, as the launcher uses it. */
    private static final Path SAMPLE_USERS = Path.of("../config/users");

    private static final Path SAMPLE_ALIASES = Path.of("../config/aliases");

    @TempDir
    Path dir;

    /** Changes are read at once (no settle time), as the first look-up after an edit sees them. */
    private PasswdFileUserDirectory directory(Path users, Path aliases) {
        Map<String, Object> settings =
                new HashMap<>(Map.of("file", users, "mail-root", dir.resolve("mail"), "reload-settle", "0s"));
        if (aliases != null) {
            settings.put("aliases-file", aliases);
        }
        return new PasswdFileUserDirectory(TestProperties.bind(UsersProperties.class, settings));
    }

    private Path write(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void sampleUsersLogInWithTheirSchemesAndLiveUnderTheMailRoot() {
        PasswdFileUserDirectory users = directory(SAMPLE_USERS, SAMPLE_ALIASES);
        for (String name : List.of("test", "alice", "bob")) {
            assertThat(users.authenticate(name, "password"))
                    .as(name)
                    .contains(
                            new MailUser(name, dir.resolve("mail").resolve(name).toAbsolutePath()));
            assertThat(users.authenticate(name, "Password"))
                    .as(name + " wrong password")
                    .isEmpty();
            assertThat(users.authenticate(name, ""))
                    .as(name + " empty password")
                    .isEmpty();
        }
        assertThat(users.find("alice").orElseThrow().maildir())
                .isEqualTo(dir.resolve("mail/alice/Maildir").toAbsolutePath());
        assertThat(users.authenticate("nobody", "password")).isEmpty();
    }

    @Test
    void everySchemeDoveadmWritesIsVerified() throws IOException {
        Path file = write(
                "users",
                "plain:{PLAIN}s3cret:1000:1000:::",
                // openssl passwd -1 -salt maillab password
                "md5:{MD5-CRYPT}$1$maillab$AGe7Lj4e7.LmDFTiM9kt2/:1001:1001:::",
                // openssl passwd -5 -salt maillabsalt password
                "sha256:{SHA256-CRYPT}$5$maillabsalt$UUJfkyNsa/Rkv/iD5QAGQY8Sa5dgaMPvwOrzuxzL8k.:1002:1002:::",
                // python3 crypt.crypt('password', 'ab')
                "des:{CRYPT}abJnggxhB/yWI:1003:1003:::",
                // the PHP manual's password_hash() example, a $2y$ hash as doveadm pw -s BLF-CRYPT writes
                "blf:{BLF-CRYPT}$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a:1004:1004:::",
                // no {SCHEME}: Dovecot's default for passwd-files is CRYPT
                "bare:$5$maillabsalt$UUJfkyNsa/Rkv/iD5QAGQY8Sa5dgaMPvwOrzuxzL8k.:1005:1005:::");
        PasswdFileUserDirectory users = directory(file, null);

        assertThat(users.authenticate("plain", "s3cret")).isPresent();
        assertThat(users.authenticate("md5", "password")).isPresent();
        assertThat(users.authenticate("sha256", "password")).isPresent();
        assertThat(users.authenticate("des", "password")).isPresent();
        assertThat(users.authenticate("blf", "rasmuslerdorf")).isPresent();
        assertThat(users.authenticate("bare", "password")).isPresent();

        for (String name : List.of("plain", "md5", "sha256", "des", "blf", "bare")) {
            assertThat(users.authenticate(name, "wrong")).as(name).isEmpty();
        }
    }

    /** Each line, anywhere in the file, makes it refused whole, with the file and line named. */
    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '"',
            value = {
                "../evil:{PLAIN}x:1:1::: => user name '../evil' not allowed",
                "a/b:{PLAIN}x:1:1::: => user name 'a/b' not allowed",
                "..:{PLAIN}x:1:1::: => user name '..' not allowed",
                "a..b:{PLAIN}x:1:1::: => user name 'a..b' contains '..'",
                "dots:{PLAIN}x:1:1::/var/mail/../../etc: => user 'dots': home '/var/mail/../../etc' is not a plain absolute path",
                "relative:{PLAIN}x:1:1::var/mail/relative: => user 'relative': home 'var/mail/relative' is not a plain absolute path",
                "nopass::1:1::: => user 'nopass' has no password",
                "nofields => user 'nofields' has no password",
                "odd:{NTLM}abc:1:1::: => unknown scheme {NTLM}",
                "test:{PLAI => unknown scheme {PLAI",
                "cut:{SHA512-CRYPT}$6$maillabsalt$RgYv86pgV4UF:1:1::: => user 'cut': the {SHA512-CRYPT} hash is malformed or cut short",
                "cut:{SHA256-CRYPT}$5$maillabsalt$UUJfky:1:1::: => user 'cut': the {SHA256-CRYPT} hash is malformed or cut short",
                "cut:{BLF-CRYPT}$2y$10$.vGA1O9wmRjrwAVXD98H:1:1::: => user 'cut': the {BLF-CRYPT} hash is malformed or cut short",
                "cut:$6$maillabsalt$RgYv86:1:1::: => user 'cut': the {CRYPT} hash is malformed or cut short",
                "ok:{PLAIN}x:1:1::: => duplicate user 'ok' (first on line 1)"
            })
    void aBadLineRefusesTheWholeFileAtStartNamingFileAndLine(String bad, String problem) throws IOException {
        Path file = write("users", "ok:{PLAIN}x:1:1:::", "# comment", bad.strip(), "other:{PLAIN}y:2:2:::");
        assertThatThrownBy(() -> directory(file, null))
                .isInstanceOf(UsersFileException.class)
                .hasMessage("users: " + file + ":3: " + problem.strip()
                        + (problem.contains("not allowed")
                                ? ": only letters, digits and . _ + - (no '/', no '..', at most 64)"
                                : problem.contains("home") ? " (relative, or with '..')" : ""));
    }

    @Test
    void anAbsoluteHomeIsUsed() throws IOException {
        Path file = write("users", "ok:{PLAIN}x:1:1::" + dir.resolve("homes/ok") + ":");
        assertThat(directory(file, null).find("ok").orElseThrow().home()).isEqualTo(dir.resolve("homes/ok"));
    }

    @Test
    void crlfLineEndingsAByteOrderMarkCommentsAndBlankLinesAreRead() throws IOException {
        Path file = dir.resolve("users");
        Files.write(
                file,
                ("\uFEFF# written on Windows\r\n\r\ntest:{PLAIN}password:1000:1000:::\r\n   \r\n"
                                + "alice:{PLAIN}secret:1001:1001:::\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.users()).extracting(MailUser::name).containsExactly("test", "alice");
        assertThat(users.authenticate("test", "password")).isPresent();
        assertThat(users.authenticate("alice", "secret")).isPresent();
    }

    @Test
    void aHugeLineOrFileOrNonUtf8TextIsRefusedWhole() throws IOException {
        Path file = write("users", "test:{PLAIN}" + "x".repeat(5000) + ":1:1:::");
        assertThatThrownBy(() -> directory(file, null))
                .isInstanceOf(UsersFileException.class)
                .hasMessage("users: " + file + ":1: line longer than 4096 characters (maillab.users.max-line-length)");

        Files.write(file, new byte[] {'t', ':', '{', 'P', 'L', 'A', 'I', 'N', '}', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> directory(file, null)).hasMessage("users: " + file + ": is not UTF-8 text");

        Files.write(file, List.of("test:{PLAIN}x:1:1:::", "# " + "padding ".repeat(100)));
        assertThatThrownBy(() -> new PasswdFileUserDirectory(TestProperties.bind(
                        UsersProperties.class,
                        Map.of(
                                "file",
                                file,
                                "mail-root",
                                dir.resolve("mail"),
                                "reload-settle",
                                "0s",
                                "max-file-size",
                                "100B"))))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("larger than 100 bytes (maillab.users.max-file-size)");
    }

    @Test
    void anEditedUsersFileIsPickedUpWithoutRestart() throws IOException {
        Path file = write("users", "test:{PLAIN}old:1000:1000:::");
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.authenticate("test", "old")).isPresent();

        Files.write(file, List.of("test:{PLAIN}new-password:1000:1000:::", "carol:{PLAIN}c:1001:1001:::"));
        // make the change visible even on file systems with coarse mtimes
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));

        assertThat(users.authenticate("test", "old")).isEmpty();
        assertThat(users.authenticate("test", "new-password")).isPresent();
        assertThat(users.find("carol")).isPresent();
    }

    @Test
    void aUsersFileThatDisappearsKeepsTheLastGoodContent() throws IOException {
        Path file = write("users", "test:{PLAIN}pw:1000:1000:::");
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.find("test")).isPresent();
        Files.delete(file);
        assertThat(users.authenticate("test", "pw")).isPresent();
        assertThat(users.usersStatus().stale()).isTrue();
    }

    private static void touchAnew(Path file, int secondsAgo) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }

    @Test
    void anEmptiedOrHalfWrittenUsersFileKeepsTheLastGoodContentAndSaysItIsStale() throws IOException {
        Path file = write("users", "test:{PLAIN}pw:1000:1000:::", "alice:{PLAIN}a:1001:1001:::");
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.usersStatus().stale()).isFalse();

        Files.write(file, new byte[0]);
        touchAnew(file, 10);
        assertThat(users.resolveRecipient("test")).extracting(MailUser::name).containsExactly("test");
        assertThat(users.usersStatus().error())
                .isEqualTo("users: " + file + ": has no entries any more (emptied or truncated?)");

        Files.writeString(file, "alice:{PLAIN}a:1001:1001:::\ntest:{PLAI");
        touchAnew(file, 9);
        assertThat(users.authenticate("test", "pw")).isPresent();
        assertThat(users.usersStatus().error()).isEqualTo("users: " + file + ":2: unknown scheme {PLAI");
        assertThat(users.usersStatus().entries()).isEqualTo(2);

        Files.write(file, List.of("test:{PLAIN}pw:1000:1000:::", "carol:{PLAIN}c:1002:1002:::"));
        touchAnew(file, 8);
        assertThat(users.find("carol")).isPresent();
        assertThat(users.find("alice")).isEmpty();
        assertThat(users.usersStatus().stale()).isFalse();
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceItHasSettled() throws IOException {
        Path file = write("users", "test:{PLAIN}pw:1000:1000:::");
        touchAnew(file, 60);
        PasswdFileUserDirectory users = new PasswdFileUserDirectory(TestProperties.bind(
                UsersProperties.class, Map.of("file", file, "mail-root", dir.resolve("mail"), "reload-settle", "30s")));

        // the first half of a rewrite, its mtime now: not read yet
        Files.write(file, List.of("test:{PLAIN}pw:1000:1000:::"));
        assertThat(users.find("test")).isPresent();
        Files.writeString(file, "carol:{PLAIN}c:1002:1002:::\n", StandardOpenOption.APPEND);
        assertThat(users.find("carol")).isEmpty();
        // quiet since long enough (by its mtime): read
        touchAnew(file, 31);
        assertThat(users.find("carol")).isPresent();
    }

    @Test
    void missingAtStartThenWrittenIsLoaded() throws IOException {
        Path file = dir.resolve("users");
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.usersStatus().stale()).isTrue();
        write("users", "test:{PLAIN}pw:1000:1000:::");
        touchAnew(file, 5);
        assertThat(users.find("test")).isPresent();
        assertThat(users.usersStatus().stale()).isFalse();
    }

    @Test
    void missingUsersFileMeansNoUsersButNoCrash() {
        PasswdFileUserDirectory users = directory(dir.resolve("absent"), null);
        assertThat(users.find("test")).isEmpty();
        assertThat(users.resolveRecipient("postmaster")).isEmpty();
    }

    @Test
    void builtInAliasesGoToTheFirstUserWithoutAnAliasesFile() throws IOException {
        Path file = write("users", "first:{PLAIN}a:1:1:::", "second:{PLAIN}b:2:2:::");
        PasswdFileUserDirectory users = directory(file, null);
        MailUser first = users.find("first").orElseThrow();

        assertThat(users.resolveRecipient("postmaster")).containsExactly(first);
        assertThat(users.resolveRecipient("Abuse")).containsExactly(first);
        assertThat(users.resolveRecipient("root")).containsExactly(first);
        assertThat(users.resolveRecipient("second")).extracting(MailUser::name).containsExactly("second");
        assertThat(users.resolveRecipient("SECOND")).extracting(MailUser::name).containsExactly("second");
        assertThat(users.resolveRecipient("webmaster")).isEmpty();
    }

    @Test
    void aliasesFileMapsNamesToOneOrMoreUsersAndPostmasterIsAlwaysAccepted() throws IOException {
        Path file = write("users", "test:{PLAIN}a:1:1:::", "alice:{PLAIN}b:2:2:::", "bob:{PLAIN}c:3:3:::");
        Path aliases = write(
                "aliases",
                "# comment",
                "postmaster: ghost",
                "team: alice, bob@example.local",
                "everyone: team, test",
                "partly: ghost, bob",
                "nobody: ghost");
        PasswdFileUserDirectory users = directory(file, aliases);

        assertThat(users.resolveRecipient("team")).extracting(MailUser::name).containsExactly("alice", "bob");
        assertThat(users.resolveRecipient("everyone"))
                .extracting(MailUser::name)
                .containsExactly("alice", "bob", "test");
        // the alias names a user who does not exist: postmaster@ still reaches someone
        assertThat(users.resolveRecipient("postmaster"))
                .extracting(MailUser::name)
                .containsExactly("test");
        // targets that are no user are skipped (a WARN at load says so); an alias of no one is unknown
        assertThat(users.resolveRecipient("partly")).extracting(MailUser::name).containsExactly("bob");
        assertThat(users.resolveRecipient("nobody")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '"',
            value = {
                "a: b => b: a => 1 => alias loop a -> b -> a",
                "self: self => x: test => 1 => alias loop self -> self",
                "a: test => a: alice => 2 => duplicate alias 'a' (first on line 1)",
                "a: |/bin/sh => x: test => 1 => alias 'a': target '|/bin/sh' is not a user or alias name (files, |commands and :include: are not supported)",
                "a: /tmp/mbox => x: test => 1 => alias 'a': target '/tmp/mbox' is not a user or alias name (files, |commands and :include: are not supported)",
                "no colon => x: test => 1 => not 'name: user[, user...]'",
                "a: => x: test => 1 => alias 'a' names no user"
            })
    void aBrokenAliasesFileIsRefusedWholeNamingFileAndLine(String first, String second, int line, String problem)
            throws IOException {
        Path users = write("users", "test:{PLAIN}a:1:1:::", "alice:{PLAIN}b:2:2:::");
        Path aliases = write("aliases", first, second);
        assertThatThrownBy(() -> directory(users, aliases))
                .isInstanceOf(UsersFileException.class)
                .hasMessage("aliases: " + aliases + ":" + line + ": " + problem);
    }

    @Test
    void anAliasChainDeeperThanDeliveryFollowsIsRefused() throws IOException {
        Path users = write("users", "test:{PLAIN}a:1:1:::");
        String[] chain = new String[9];
        for (int i = 0; i < 9; i++) {
            chain[i] = "a" + i + ": " + (i == 8 ? "test" : "a" + (i + 1));
        }
        Path aliases = write("aliases", chain);
        assertThatThrownBy(() -> directory(users, aliases))
                .hasMessage("aliases: " + aliases + ":1: alias 'a0' starts a chain of more than 8 aliases");
        // eight aliases deep is followed to the user
        Files.write(aliases, List.of(chain).subList(1, 9));
        assertThat(directory(users, aliases).resolveRecipient("a1"))
                .extracting(MailUser::name)
                .containsExactly("test");
    }

    @Test
    void anEmptiedAliasesFileKeepsTheLastGoodContent() throws IOException {
        Path users = write("users", "test:{PLAIN}a:1:1:::", "alice:{PLAIN}b:2:2:::");
        Path aliases = write("aliases", "team: alice, test");
        PasswdFileUserDirectory directory = directory(users, aliases);
        Files.write(aliases, new byte[0]);
        touchAnew(aliases, 5);
        assertThat(directory.resolveRecipient("team")).hasSize(2);
        assertThat(directory.aliasesStatus().error()).contains("aliases: " + aliases + ": has no entries any more");
    }
}
