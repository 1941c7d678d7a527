package dev.maillab.dns.namedconf;

import java.nio.file.Path;
import java.util.List;

/**
 * One named.conf statement in its generic shape: {@code keyword arg... [{ statement... }];}.
 * Address lists are statements too ({@code 127.0.0.1;} is a statement with keyword "127.0.0.1").
 *
 * @param block the statements inside braces, or null when the statement has no block
 */
record Statement(String keyword, List<String> args, List<Statement> block, Path file, int line) {

    String arg(int index) {
        if (index >= args.size()) {
            throw new ConfigFileException(file, line, "'" + keyword + "' needs more arguments");
        }
        return args.get(index);
    }

    List<Statement> requireBlock() {
        if (block == null) {
            throw new ConfigFileException(file, line, "'" + keyword + "' needs a { ... } block");
        }
        return block;
    }
}
