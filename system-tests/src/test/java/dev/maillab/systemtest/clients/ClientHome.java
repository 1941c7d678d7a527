package dev.maillab.systemtest.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private home for one client run, as a user's: HOME and the working directory are the same fresh directory,
 * holding the client's configuration files, its UIDL state and what it fetched, and {@code .maillab/tls/ca.pem}
 * (the lab CA, at the path the README names relative to the checkout). A test running as root runs the client as
 * {@code nobody}, as a user would (getmail refuses to deliver as root, fetchmail warns).
 */
final class ClientHome {

    /** Bounds a hung client; the clients answer in well under a second. */
    private static final long LIMIT_SECONDS = 30;

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    final Path dir;

    private ClientHome(Path dir) {
        this.dir = dir;
    }

    static ClientHome create(Path parent, String name, Path labCa) throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (labCa != null && Files.isRegularFile(labCa)) {
            Files.copy(
                    labCa, Files.createDirectories(dir.resolve(".maillab/tls")).resolve("ca.pem"));
        }
        return new ClientHome(dir);
    }

    /** A file in the home, e.g. {@code .fetchmailrc} with mode {@code rw-------}. */
    Path write(String relative, String content, String mode) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    Path mkdirs(String relative) throws IOException {
        return Files.createDirectories(dir.resolve(relative));
    }

    record Outcome(int exitCode, String output) {}

    /** Runs one shell command line (a README line) in the home, with HOME pointing at it; stdin from /dev/null. */
    Outcome run(String commandLine) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            giveToNobody();
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        command.addAll(List.of("bash", "-c", commandLine));
        Path out = Files.createTempFile(dir.getParent(), dir.getFileName() + "-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "LANG", "TZ"));
        env.put("HOME", dir.toString());
        env.put("USER", ROOT ? "nobody" : System.getProperty("user.name"));
        env.put("LOGNAME", env.get("USER"));
        Process process = builder.start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("still running after " + LIMIT_SECONDS + " s: " + commandLine + "\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private void giveToNobody() throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        var nobody = users.lookupPrincipalByName("nobody");
        var nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                Files.setOwner(path, nobody);
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(nogroup);
            }
        }
    }
}
