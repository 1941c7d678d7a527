package dev.maillab.mailserver.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny authoritative UDP responder for tests: answers the questions it has records for, NXDOMAIN
 * otherwise, or stays silent (to test the timeout). Not the project's dns-server, which is another module.
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<Record> records;
    private final boolean silent;
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public TestDnsServer(List<Record> records, boolean silent) throws SocketException {
        this.records = records;
        this.silent = silent;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                if (silent) {
                    continue;
                }
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.AA);
                Record question = query.getQuestion();
                reply.addRecord(question, Section.QUESTION);
                List<Record> answers = records.stream()
                        .filter(r -> r.getName().equals(question.getName()) && r.getType() == question.getType())
                        .toList();
                if (answers.isEmpty()) {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
                byte[] wire = reply.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed query: nothing to answer
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
