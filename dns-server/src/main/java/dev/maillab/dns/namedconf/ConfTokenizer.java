package dev.maillab.dns.namedconf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Splits named.conf text into words, quoted strings and the punctuation { } ; and drops the three comment styles. */
final class ConfTokenizer {

    enum Kind {
        WORD,
        STRING,
        OPEN,
        CLOSE,
        SEMICOLON
    }

    record Token(Kind kind, String text, int line) {}

    private ConfTokenizer() {}

    static List<Token> tokenize(Path file, String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int start = line;
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new ConfigFileException(file, start, "unterminated /* comment");
                }
                line += count(text, i, end, '\n');
                i = end + 2;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                int newline = text.indexOf('\n', i + 1);
                if (end < 0 || (newline >= 0 && newline < end)) {
                    throw new ConfigFileException(file, line, "unterminated quoted string");
                }
                tokens.add(new Token(Kind.STRING, text.substring(i + 1, end), line));
                i = end + 1;
            } else if (c == '{') {
                tokens.add(new Token(Kind.OPEN, "{", line));
                i++;
            } else if (c == '}') {
                tokens.add(new Token(Kind.CLOSE, "}", line));
                i++;
            } else if (c == ';') {
                tokens.add(new Token(Kind.SEMICOLON, ";", line));
                i++;
            } else {
                int start = i;
                while (i < n
                        && !Character.isWhitespace(text.charAt(i))
                        && "{};\"#".indexOf(text.charAt(i)) < 0
                        && !(text.charAt(i) == '/' && i + 1 < n && "/*".indexOf(text.charAt(i + 1)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), line));
            }
        }
        return tokens;
    }

    private static int count(String text, int from, int to, char wanted) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == wanted) {
                count++;
            }
        }
        return count;
    }
}
