package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What SubEtha's session reads from: the client's octets, vetted line by line while commands are read.
 *
 * <p>In command mode it hands out one whole line per read and never more, so the session's own reader
 * (which closes the connection on a line over 998 characters, a bare CR, or invalid UTF-8) only ever sees
 * lines it can take. A line this server refuses (too long, NUL, bare CR, not UTF-8) is replaced by a
 * refused-line marker, {@code "\0ERR <fault>"}, which {@link dev.maillab.mailserver.smtp.command.RefusedLineCommand}
 * answers with 500 while the session goes on; the rest of an over-long line is read and dropped. A line
 * ending in a bare LF is taken as ending in CRLF (as Postfix does). A client line can never look like a
 * marker: a line with a NUL in it is itself refused. A passed deadline, a silent client and too many error
 * replies become markers too, answered 421 and the end of the session.
 *
 * <p>In DATA mode octets pass unchanged up to and including the final CRLF "." CRLF, the same end
 * {@link dev.maillab.mailserver.smtp.DotStuffedDataStream} finds; then command mode again. In raw mode (under TLS
 * after STARTTLS) everything passes.
 */
public final class CommandInput extends InputStream {

    /** The verb of a refused-line marker; no client line can start with it. */
    public static final String MARKER_VERB = "\0ERR";

    /** Why a line was not handed to the command reader, or why the session must end. */
    public enum Fault {
        TOO_LONG("500 5.5.2 Error: command line too long", false),
        NUL("500 5.5.2 Error: NUL character in command", false),
        BARE_CR("500 5.5.2 Error: bare <CR> received", false),
        BAD_UTF8("500 5.5.2 Error: command is not valid UTF-8", false),
        TIMEOUT("421 4.4.2 %s Error: timeout exceeded", true),
        TOO_MANY_ERRORS("421 4.7.0 %s Error: too many errors", true);

        private final String reply;
        private final boolean ends;

        Fault(String reply, boolean ends) {
            this.reply = reply;
            this.ends = ends;
        }

        /** The reply, with the server's host name where it has one. */
        public String reply(String hostname) {
            return String.format(Locale.ROOT, reply, hostname);
        }

        /** True if the session ends with this reply. */
        public boolean endsSession() {
            return ends;
        }

        public String describe() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The fault a marker line stands for; empty for any other line. */
    public static Optional<Fault> fault(String line) {
        if (line == null || !line.startsWith(MARKER_VERB + " ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Fault.valueOf(line.substring(MARKER_VERB.length() + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private enum Mode {
        COMMAND,
        DATA,
        RAW
    }

    /** Verbs that name the stage of a session in log lines (other lines, such as AUTH responses, do not). */
    private static final Set<String> VERBS = Set.of(
            "HELO",
            "EHLO",
            "MAIL",
            "RCPT",
            "DATA",
            "RSET",
            "NOOP",
            "QUIT",
            "VRFY",
            "EXPN",
            "HELP",
            "AUTH",
            "STARTTLS",
            "BDAT");

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Where the DATA end search is: line start, '.', '.' CR, inside a line, after CR. */
    private static final int LINE_START = 0;

    private static final int DOT = 1;
    private static final int DOT_CR = 2;
    private static final int IN_LINE = 3;
    private static final int AFTER_CR = 4;

    private final InputStream in;
    private final ClientConnection connection;
    private final int maxLine;
    /** At least twice the longest line, so that a line under the limit always fits after compaction. */
    private final byte[] buf;

    private int head;
    private int tail;
    /** The line (or marker) being handed out. */
    private final byte[] line;

    private int linePos;
    private int lineEnd;
    private Mode mode = Mode.COMMAND;
    private int dataState;
    /** Set once the session must end: every further line is this marker. */
    private Fault last;

    private boolean eof;
    private CharsetDecoder utf8;

    CommandInput(InputStream in, ClientConnection connection) {
        this.in = in;
        this.connection = connection;
        this.maxLine = connection.settings().maxCommandLine();
        this.line = new byte[maxLine + 1];
        this.buf = new byte[Math.max(8192, 2 * maxLine)];
    }

    void beginData() {
        Conversation c = connection.conversation();
        if (c != null) {
            c.dataBegins();
        }
        mode = Mode.DATA;
        dataState = LINE_START; // the CRLF of the DATA command counts as the line before the first
        connection.armData();
    }

    void raw() {
        mode = Mode.RAW;
        head = tail = 0;
        linePos = lineEnd = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        return switch (mode) {
            case RAW -> in.read(b, off, len);
            case DATA -> readData(b, off, len);
            case COMMAND -> readCommand(b, off, len);
        };
    }

    @Override
    public int available() throws IOException {
        return switch (mode) {
            case RAW -> in.available();
            case DATA -> 0;
            case COMMAND -> lineEnd - linePos;
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int readCommand(byte[] b, int off, int len) throws IOException {
        if (linePos == lineEnd) {
            // the previous line was read to its end and its reply written: the session waits for the next one
            if (eof) {
                return -1;
            }
            connection.disarm();
            nextLine();
            if (linePos == lineEnd) {
                return -1;
            }
        }
        int n = Math.min(len, lineEnd - linePos);
        System.arraycopy(line, linePos, b, off, n);
        linePos += n;
        return n;
    }

    /** Reads up to the next LF and stages that line, or a marker instead of it. */
    private void nextLine() throws IOException {
        if (last == null && connection.tooManyErrors()) {
            last = Fault.TOO_MANY_ERRORS;
        }
        if (last != null) {
            marker(last);
            return;
        }
        boolean discarding = false;
        int scan = head;
        while (true) {
            int lf = indexOfLf(scan);
            if (lf >= 0) {
                connection.armCommand();
                if (discarding || lf + 1 - head > maxLine) {
                    head = lf + 1;
                    marker(Fault.TOO_LONG);
                } else {
                    stage(lf);
                }
                return;
            }
            if (tail - head >= maxLine) {
                discarding = true; // over the limit already: keep reading, drop all up to the LF
                head = tail = 0;
            } else if (tail == buf.length) {
                System.arraycopy(buf, head, buf, 0, tail - head);
                tail -= head;
                head = 0;
            }
            scan = tail;
            if (discarding || head < tail) {
                connection.armCommand(); // a line has begun: it must end before the command deadline
            }
            int n;
            try {
                n = in.read(buf, tail, buf.length - tail);
            } catch (SocketTimeoutException e) {
                end(Fault.TIMEOUT); // silent past the idle timeout
                return;
            } catch (IOException e) {
                if (connection.expired()) {
                    end(Fault.TIMEOUT);
                } else {
                    eof = true; // reset or broken: the session ends as at end of input
                }
                return;
            }
            if (n < 0) {
                if (connection.expired()) {
                    end(Fault.TIMEOUT);
                } else {
                    eof = true; // a last line without LF is dropped, as SubEtha's reader does
                }
                return;
            }
            tail += n;
        }
    }

    private void end(Fault fault) {
        last = fault;
        marker(fault);
    }

    private int indexOfLf(int from) {
        for (int i = from; i < tail; i++) {
            if (buf[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Stages buf[head, lf] (the line and its LF) if it is one the session may read, else its marker. */
    private void stage(int lf) {
        int start = head;
        head = lf + 1;
        int end = lf > start && buf[lf - 1] == CR ? lf - 1 : lf; // a bare LF ends a line as CRLF does
        boolean eightBit = false;
        for (int i = start; i < end; i++) {
            byte c = buf[i];
            if (c == 0) {
                marker(Fault.NUL);
                return;
            }
            if (c == CR) {
                marker(Fault.BARE_CR);
                return;
            }
            eightBit |= c < 0;
        }
        if (eightBit && !validUtf8(start, end)) {
            marker(Fault.BAD_UTF8);
            return;
        }
        int n = end - start;
        if (n + 2 > line.length) {
            marker(Fault.TOO_LONG); // a bare-LF line one octet under the limit, which CRLF puts over it
            return;
        }
        System.arraycopy(buf, start, line, 0, n);
        noteVerb(n);
        Conversation c = connection.conversation();
        if (c != null) {
            c.clientLine(line, n);
        }
        line[n] = CR;
        line[n + 1] = LF;
        linePos = 0;
        lineEnd = n + 2;
    }

    private void noteVerb(int n) {
        int v = 0;
        while (v < n && v < 8 && line[v] != ' ') {
            v++;
        }
        String verb = new String(line, 0, v, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (VERBS.contains(verb)) {
            connection.stage(verb);
        }
    }

    private boolean validUtf8(int start, int end) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(buf, start, end - start));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void marker(Fault fault) {
        Conversation c = fault.endsSession() ? null : connection.conversation();
        if (c != null) {
            c.refusedLine(fault.describe());
        }
        byte[] m = (MARKER_VERB + " " + fault.name() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, line, 0, m.length);
        linePos = 0;
        lineEnd = m.length;
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        if (head == tail) {
            int n;
            try {
                n = in.read(buf, 0, buf.length);
            } catch (IOException e) {
                if (connection.expired()) {
                    throw new ReadDeadlineException();
                }
                throw e;
            }
            if (n < 0) {
                if (connection.expired()) {
                    throw new ReadDeadlineException();
                }
                return -1;
            }
            head = 0;
            tail = n;
            connection.dataProgress();
        }
        int n = Math.min(len, tail - head);
        int s = dataState;
        for (int i = 0; i < n; i++) {
            byte c = buf[head + i];
            switch (s) {
                case LINE_START -> s = c == '.' ? DOT : c == CR ? AFTER_CR : IN_LINE;
                case DOT -> s = c == CR ? DOT_CR : IN_LINE;
                case DOT_CR -> {
                    if (c == LF) {
                        n = i + 1; // the final dot: what follows is commands again
                        mode = Mode.COMMAND;
                        connection.stage("END-OF-MESSAGE");
                        connection.disarm();
                        connection.armCommand(); // storing the message and the reply to it
                        s = LINE_START;
                        break;
                    }
                    s = c == CR ? AFTER_CR : IN_LINE;
                }
                case AFTER_CR -> s = c == LF ? LINE_START : c == CR ? AFTER_CR : IN_LINE;
                default -> s = c == CR ? AFTER_CR : IN_LINE;
            }
            if (mode == Mode.COMMAND) {
                break;
            }
        }
        dataState = s;
        System.arraycopy(buf, head, b, off, n);
        head += n;
        Conversation c = connection.conversation();
        if (c != null) {
            c.dataOctets(n);
            if (mode == Mode.COMMAND) {
                c.dataEnds();
            }
        }
        return n;
    }

    /** The deadline of a DATA passed (the whole DATA, or the wait for its next octets). */
    public static final class ReadDeadlineException extends SocketTimeoutException {
        ReadDeadlineException() {
            super("DATA deadline exceeded");
        }
    }
}
