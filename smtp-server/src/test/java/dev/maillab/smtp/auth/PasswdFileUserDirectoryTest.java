package dev.maillab.smtp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdFileUserDirectoryTest {

    /** The project's sample file, as the launcher uses it. */
    private static final Path SAMPLE_USERS = Path.of("../config/users");
    private static final Path SAMPLE_ALIASES = Path.of("../config/aliases");

    @TempDir
    Path dir;

    private PasswdFileUserDirectory directory(Path users, Path aliases) {
        return new PasswdFileUserDirectory(new UsersProperties(users, aliases, dir.resolve("mail")));
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
            assertThat(users.authenticate(name, "password")).as(name)
                    .contains(new MailUser(name, dir.resolve("mail").resolve(name).toAbsolutePath()));
            assertThat(users.authenticate(name, "Password")).as(name + " wrong password").isEmpty();
            assertThat(users.authenticate(name, "")).as(name + " empty password").isEmpty();
        }
        assertThat(users.find("alice").orElseThrow().maildir())
                .isEqualTo(dir.resolve("mail/alice/Maildir").toAbsolutePath());
        assertThat(users.authenticate("nobody", "password")).isEmpty();
    }

    @Test
    void everySchemeDoveadmWritesIsVerified() throws IOException {
        Path file = write("users",
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

    @Test
    void unsafeOrUnusableLinesAreSkippedAndTheRestStillWork() throws IOException {
        Path file = write("users",
                "../evil:{PLAIN}x:1:1:::",
                "a/b:{PLAIN}x:1:1:::",
                "..:{PLAIN}x:1:1:::",
                "dots:{PLAIN}x:1:1::/var/mail/../../etc:",
                "relative:{PLAIN}x:1:1::var/mail/relative:",
                "nopass::1:1:::",
                "odd:{NTLM}abc:1:1:::",
                "ok:{PLAIN}x:1:1::" + dir.resolve("homes/ok") + ":");
        PasswdFileUserDirectory users = directory(file, null);

        assertThat(users.users()).extracting(MailUser::name).containsExactly("ok");
        assertThat(users.find("ok").orElseThrow().home()).isEqualTo(dir.resolve("homes/ok"));
        assertThat(users.resolveRecipient("../evil")).isEmpty();
        assertThat(users.resolveRecipient("dots")).isEmpty();
    }

    @Test
    void anEditedUsersFileIsPickedUpWithoutRestart() throws IOException {
        Path file = write("users", "test:{PLAIN}old:1000:1000:::");
        PasswdFileUserDirectory users = directory(file, null);
        assertThat(users.authenticate("test", "old")).isPresent();

        Files.write(file, List.of("test:{PLAIN}new-password:1000:1000:::", "carol:{PLAIN}c:1001:1001:::"));
        // make the change visible even on file systems with coarse mtimes
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

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
        Path aliases = write("aliases",
                "# comment",
                "postmaster: ghost",
                "team: alice, bob@example.local",
                "everyone: team, test",
                "loop: loop");
        PasswdFileUserDirectory users = directory(file, aliases);

        assertThat(users.resolveRecipient("team")).extracting(MailUser::name).containsExactly("alice", "bob");
        assertThat(users.resolveRecipient("everyone")).extracting(MailUser::name)
                .containsExactly("alice", "bob", "test");
        // the alias names a user who does not exist: postmaster@ still reaches someone
        assertThat(users.resolveRecipient("postmaster")).extracting(MailUser::name).containsExactly("test");
        assertThat(users.resolveRecipient("loop")).isEmpty();
    }
}
