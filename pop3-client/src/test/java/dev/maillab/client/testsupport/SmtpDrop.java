package dev.maillab.client.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Puts a message, exactly as written, into the lab's smtp-server over a plain SMTP dialogue, so a test can
 * deliver mail with headers missing (what the seed's script sent) as well as proper mail.
 */
public final class SmtpDrop {

    private SmtpDrop() {}

    /** @param message header and body lines separated by \n; sent with CRLF and dot-stuffing */
    public static void send(int port, String from, String to, String message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.example.local", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            StringBuilder data = new StringBuilder();
            for (String line : message.split("\n", -1)) {
                data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            }
            data.append(".");
            command(out, in, data.toString(), "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
