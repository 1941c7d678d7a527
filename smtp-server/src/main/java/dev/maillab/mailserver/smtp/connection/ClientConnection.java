package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.Session;

/**
 * One client's TCP connection below SubEtha's session: its deadline, its count of error replies and the
 * stream commands are read from (the plain one, or the one inside TLS after STARTTLS).
 */
public final class ClientConnection {

    private final Socket tcp;
    private final ConnectionSettings settings;
    private final ReadDeadlines deadlines;
    private final AtomicInteger errors = new AtomicInteger();
    /** System.nanoTime() by which the current step must be done; 0: none (waiting for a command, idle). */
    private volatile long due;
    /** When the current DATA must be complete. */
    private volatile long dataEnd;

    private volatile long expiredAt;
    private volatile boolean expired;
    private volatile CommandInput commands;
    private volatile ReplyCounter replies;
    /** The last command verb, or where in the session it is, for "timeout after DATA" log lines. */
    private volatile String stage = "CONNECT";
    /** Who hears the conversation; null: nobody (no line is copied). */
    private volatile Conversation conversation;

    ClientConnection(Socket tcp, ConnectionSettings settings, ReadDeadlines deadlines) {
        this.tcp = tcp;
        this.settings = settings;
        this.deadlines = deadlines;
        deadlines.register(this);
    }

    /** The connection under a SubEtha session, or null if its socket did not come from a {@link ConnectionServerSocket}. */
    public static ClientConnection of(Session session) {
        Socket socket = session.getSocket();
        if (socket instanceof ConnectionSocket plain) {
            return plain.connection();
        }
        return socket instanceof TlsConnectionSocket tls ? tls.connection() : null;
    }

    public String stage() {
        return stage;
    }

    void stage(String stage) {
        this.stage = stage;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    CommandInput newInput(InputStream in) {
        CommandInput input = new CommandInput(in, this);
        commands = input;
        return input;
    }

    ReplyCounter newOutput(OutputStream out) {
        ReplyCounter output = new ReplyCounter(out, errors, this);
        replies = output;
        return output;
    }

    /**
     * From now on {@code listener} hears every command line the session reads and every reply line it writes, under
     * TLS too (see {@link Conversation} for what it is never told).
     */
    public void listen(ConversationListener listener) {
        conversation = new Conversation(listener);
    }

    /** The session has ended: what is still half told (a DATA cut short, a reply without its line end) is told. */
    public void conversationEnds() {
        Conversation c = conversation;
        conversation = null;
        if (c != null) {
            c.sessionEnds();
        }
    }

    Conversation conversation() {
        return conversation;
    }

    /** The message follows (after 354): its octets reach the reader unchanged up to the final dot. */
    public void beginData() {
        commands.beginData();
    }

    /**
     * STARTTLS was answered 220: from here the plain streams carry TLS records unchanged and whatever the
     * client sent after STARTTLS in clear is dropped (it is never read as a command). The handshake must
     * finish within the command timeout.
     */
    public void beginTls() {
        commands.raw();
        replies.raw();
        stage = "STARTTLS";
        armCommand();
    }

    /**
     * Implicit TLS (SMTPS), at accept: the plain streams carry TLS records from the first octet, and the handshake must
     * finish within the command timeout (the stage stays CONNECT, as Postfix logs it).
     */
    void beginImplicitTls() {
        commands.raw();
        replies.raw();
        armCommand();
    }

    /** A message was accepted: errors so far are forgiven (Postfix: "without delivering mail"). */
    public void delivered() {
        errors.set(0);
    }

    public int errors() {
        return errors.get();
    }

    boolean tooManyErrors() {
        return errors.get() >= settings.maxErrors();
    }

    public boolean expired() {
        return expired;
    }

    void armCommand() {
        if (due == 0) {
            due = deadline(settings.commandTimeout().toNanos());
        }
    }

    void armData() {
        due = deadline(Math.min(
                settings.dataTimeout().toNanos(), settings.dataBlockTimeout().toNanos()));
        dataEnd = deadline(settings.dataTimeout().toNanos());
    }

    /** Octets of DATA arrived: the next ones may take another block timeout, within the DATA's own deadline. */
    void dataProgress() {
        long block = deadline(settings.dataBlockTimeout().toNanos());
        due = block - dataEnd < 0 ? block : dataEnd;
    }

    void disarm() {
        due = 0;
    }

    private static long deadline(long nanos) {
        long d = System.nanoTime() + nanos;
        return d == 0 ? 1 : d;
    }

    /** Called by the timer: cuts the input once the deadline has passed, closes the socket if that is not enough. */
    void check(long now, long graceNanos) {
        long d = due;
        if (!expired && d != 0 && now - d > 0) {
            expire(now);
        } else if (expired && now - expiredAt > graceNanos) {
            close(); // the session did not end after its input was cut (it may be stuck writing to the client)
        }
    }

    /**
     * The deadline passed: the reader blocked on the socket sees end of input, and the session thread
     * itself answers 421 and ends (see {@link CommandInput}), so nothing is written from two threads.
     */
    void expire(long now) {
        expiredAt = now;
        expired = true;
        try {
            tcp.shutdownInput();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    void close() {
        deadlines.unregister(this);
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    void closed() {
        deadlines.unregister(this);
    }
}
