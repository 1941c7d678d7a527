package dev.maillab.systemtest.flow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A copy of zones/ with the 172.19.0.x A records pointed at 127.0.0.1, as the launcher serves it: the compose
 * names (mail.example.local, ...) then lead to the services on this machine and nothing goes to 172.19.0.x.
 */
final class LoopbackZones {

    private static final Pattern COMPOSE_A_RECORD = Pattern.compile("(?m)^([^;\\n]*\\sIN\\s+A\\s+)172\\.19\\.0\\.\\d+");

    private LoopbackZones() {}

    static Path copy(Path zones, Path target) throws IOException {
        Files.createDirectories(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(zones)) {
            for (Path file : files) {
                String text = COMPOSE_A_RECORD.matcher(Files.readString(file)).replaceAll("$1127.0.0.1");
                Files.writeString(target.resolve(file.getFileName()), text);
            }
        }
        return target.resolve("named.conf");
    }
}
