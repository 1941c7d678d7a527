package dev.maillab.systemtest.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile, continuation lines joined and comments left out: enough to compare facts. */
record Dockerfile(Path path, List<String> instructions) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    static Dockerfile read(Path path) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                instructions.add(current.append(line).toString().trim().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return new Dockerfile(path, List.copyOf(instructions));
    }

    /** The arguments of every instruction with this keyword (COPY, ENV, EXPOSE, ...). */
    List<String> all(String keyword) {
        return instructions.stream()
                .filter(i -> i.startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length() + 1))
                .toList();
    }

    /** Every ENV of the file, KEY=value form, quotes removed. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String args : all("ENV")) {
            Matcher m = ENV_PAIR.matcher(args);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }

    /** EXPOSE's ports, e.g. [53/udp, 53/tcp, 8053/tcp]. */
    List<String> exposed() {
        return all("EXPOSE").stream()
                .flatMap(args -> List.of(args.split(" ")).stream())
                .toList();
    }
}
