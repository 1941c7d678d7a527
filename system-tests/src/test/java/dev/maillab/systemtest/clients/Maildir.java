package dev.maillab.systemtest.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The messages in a Maildir's new/ and cur/: the server's delivery, or what mpop and getmail delivered. */
record Maildir(Path root) {

    List<Path> files() {
        try (Stream<Path> files = Stream.of("new", "cur")
                .map(root::resolve)
                .filter(Files::isDirectory)
                .flatMap(Maildir::list)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    List<MailFile> messages() {
        return files().stream().map(MailFile::read).toList();
    }

    List<MailFile> carrying(String marker) {
        return messages().stream().filter(m -> m.contains(marker)).toList();
    }

    static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
