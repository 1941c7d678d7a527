package dev.maillab.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.xbill.DNS.Message;

/** Hand-made packets over plain sockets, for the inputs no well-behaved DNS library would send. */
public final class RawDns {

    private RawDns() {}

    /** Sends one datagram; returns the answer, or null when none came within {@code waitMillis}. */
    public static byte[] udp(int port, byte[] packet, int waitMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(waitMillis);
            socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[65535];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buffer, answer.getLength());
        }
    }

    public static Message udpMessage(int port, byte[] packet) throws IOException {
        byte[] answer = udp(port, packet, 5000);
        if (answer == null) {
            throw new IOException("no answer within 5 s");
        }
        return new Message(answer);
    }

    public static Socket tcp(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Writes one length-prefixed message (RFC 1035 4.2.2). */
    public static void writeFrame(Socket socket, byte[] message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(message.length >> 8);
        out.write(message.length);
        out.write(message);
        out.flush();
    }

    public static Message readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readUnsignedShort();
        byte[] message = new byte[length];
        in.readFully(message);
        return new Message(message);
    }

    /** True when the server closed the connection (end of stream or reset) before sending anything more. */
    public static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }
}
