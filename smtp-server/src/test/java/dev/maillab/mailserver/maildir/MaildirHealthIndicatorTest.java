package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.testkit.TestProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

class MaildirHealthIndicatorTest {

    @TempDir
    Path dir;

    private MailRootSpace space(Path mailRoot, DataSize minFree) {
        return new MailRootSpace(
                TestProperties.bind(UsersProperties.class, Map.of("file", dir.resolve("users"), "mail-root", mailRoot)),
                TestProperties.bind(MaildirProperties.class, Map.of("min-free", minFree)));
    }

    private MaildirHealthIndicator health(Path mailRoot) {
        return new MaildirHealthIndicator(
                space(mailRoot, TestProperties.defaults(MaildirProperties.class).minFree()));
    }

    @Test
    void upWhenTheMailRootIsWritableAndLeavesNothingBehind() throws IOException {
        Path root = dir.resolve("mail");
        assertThat(health(root).health().getStatus()).isEqualTo(Status.UP);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void downWhenTheMailRootCannotHoldFiles() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("mail"), "x");
        assertThat(health(notADirectory).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void lessFreeSpaceThanMinFreeKeepsTheHealthUpAndSaysNoRoom() {
        Path root = dir.resolve("mail");
        long usable = space(root, DataSize.ofBytes(0)).usableBytes();
        assertThat(usable).isPositive();
        // a threshold beyond what this file system has free: the state of a nearly full disk, without a mount
        MailRootSpace full =
                space(root, DataSize.ofBytes(usable + DataSize.ofTerabytes(1024).toBytes()));

        Health health = new MaildirHealthIndicator(full).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("storage", "low: new mail gets 452 4.3.1")
                .containsEntry("minFree", full.minFree())
                .containsKey("usableBytes");
        assertThat(full.hasRoomFor(0)).isFalse();
        assertThat(full.hasRoomFor(1000)).isFalse();
    }

    @Test
    void roomIsTheFreeSpaceLessTheMessageAgainstMinFree() {
        Path root = dir.resolve("mail");
        long usable = space(root, DataSize.ofBytes(0)).usableBytes();
        // half of the free space kept free: a small message fits, one as big as the free space does not
        MailRootSpace half = space(root, DataSize.ofBytes(usable / 2));

        assertThat(half.hasRoomFor(0)).isTrue();
        assertThat(half.hasRoomFor(1024)).isTrue();
        assertThat(half.hasRoomFor(usable)).isFalse();
        assertThat(new MaildirHealthIndicator(half).health().getDetails()).containsEntry("storage", "ok");
    }

    @Test
    void theDefaultKeepsRoomForSeveralMessagesOfTheDefaultMaximumSize() {
        assertThat(TestProperties.defaults(MaildirProperties.class).minFree().toBytes())
                .isGreaterThanOrEqualTo(4 * 10_240_000L);
    }
}
