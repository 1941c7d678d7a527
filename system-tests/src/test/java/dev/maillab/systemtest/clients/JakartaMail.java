package dev.maillab.systemtest.clients;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * Jakarta Mail (Angus) configured with the README's properties. With TLS, the socket factory stands for the JVM
 * trust store the README has the user import the lab CA into; the server's name is checked against its certificate.
 */
final class JakartaMail {

    private JakartaMail() {}

    /** The README's properties for {@code proto} (smtp, pop3); {@code tls} null = in clear. */
    static Properties properties(String proto, int port, SSLSocketFactory tls) {
        Properties props = new Properties();
        props.put("mail." + proto + ".host", "127.0.0.1");
        props.put("mail." + proto + ".port", String.valueOf(port));
        props.put("mail." + proto + ".connectiontimeout", "10000");
        props.put("mail." + proto + ".timeout", "10000");
        if (tls != null) {
            props.put("mail." + proto + ".starttls.enable", "true");
            props.put("mail." + proto + ".starttls.required", "true");
            props.put("mail." + proto + ".ssl.checkserveridentity", "true");
            props.put("mail." + proto + ".ssl.socketFactory", tls);
        }
        return props;
    }

    static void send(Properties props, TestBody body) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("alice@example.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("test@example.local"));
        message.setSubject(body.subject());
        message.setText(body.text(), "us-ascii");
        Transport.send(message);
    }

    /** A POP3 reader that remembers the UIDLs it has fetched and leaves the mail on the server ("keep"). */
    static final class Pop3Reader {

        private final Properties props;
        private final Set<String> seen = new HashSet<>();

        Pop3Reader(Properties props) {
            this.props = props;
        }

        List<MailFile> fetchNew() throws MessagingException, IOException {
            List<MailFile> fetched = new ArrayList<>();
            Store store = Session.getInstance(props).getStore("pop3");
            store.connect("test", "password");
            try {
                POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    for (Message message : inbox.getMessages()) {
                        String uid = inbox.getUID(message);
                        // Jakarta Mail sends UIDL only to a server whose CAPA lists it; else every UID is null
                        if (uid == null) {
                            throw new AssertionError("no UIDL for message " + message.getMessageNumber()
                                    + ": Jakarta Mail found no UIDL in the server's CAPA");
                        }
                        if (seen.add(uid)) {
                            ByteArrayOutputStream raw = new ByteArrayOutputStream();
                            message.writeTo(raw);
                            fetched.add(MailFile.parse(raw.toByteArray()));
                        }
                    }
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
            return fetched;
        }
    }
}
