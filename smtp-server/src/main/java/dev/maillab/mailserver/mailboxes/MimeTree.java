package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.maildir.MessageContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A message's MIME structure, parsed by Jakarta Mail in place ({@link SharedContentStream}): the tree a detail
 * describes and the part a download names. A multipart that does not parse, or lies deeper than a part path can
 * reach, is a leaf: its body is what it is.
 */
final class MimeTree {

    private static final Session SESSION = session();

    private final MimeMessage message;
    private final int maxParts;

    private MimeTree(MimeMessage message, int maxParts) {
        this.message = message;
        this.maxParts = maxParts;
    }

    static MimeTree parse(MessageContent content, int maxParts) throws MessagingException {
        return new MimeTree(new MimeMessage(SESSION, new SharedContentStream(content)), maxParts);
    }

    private static Session session() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
    }

    /** The tree from the message, "1", down. */
    MimePart describe() {
        return node(message, "1", 1, new int[1]);
    }

    private MimePart node(Part part, String path, int depth, int[] count) {
        if (++count[0] > maxParts) {
            throw MailboxProblem.unprocessable("the message has more than " + maxParts
                    + " MIME parts (maillab.mailboxes.max-parts); its raw source is served whole");
        }
        String contentType = contentType(part);
        String filename = filename(part);
        Multipart multipart = multipart(part, depth);
        if (multipart == null) {
            return new MimePart(path, contentType, filename, decodedSize(part), List.of());
        }
        List<MimePart> children = new ArrayList<>();
        try {
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(node(multipart.getBodyPart(i), path + "." + (i + 1), depth + 1, count));
            }
        } catch (MessagingException e) {
            // the parts parsed before stay listed
        }
        return new MimePart(path, contentType, filename, 0, List.copyOf(children));
    }

    /**
     * The part at the path, if there is a leaf there.
     *
     * @throws MailboxProblem 404 for a multipart (only its parts have bodies)
     */
    Part find(String path) {
        String[] numbers = path.split("\\.");
        if (!numbers[0].equals("1")) {
            return null;
        }
        Part part = message;
        for (int depth = 1; depth < numbers.length; depth++) {
            Multipart multipart = multipart(part, depth);
            int index = Integer.parseInt(numbers[depth]);
            try {
                if (multipart == null || index < 1 || index > multipart.getCount()) {
                    return null;
                }
                part = multipart.getBodyPart(index - 1);
            } catch (MessagingException e) {
                return null;
            }
        }
        if (multipart(part, numbers.length) != null) {
            throw MailboxProblem.notFound("part " + path + " is a multipart: only its parts have bodies");
        }
        return part;
    }

    /**
     * The parsed multipart of a part at this depth (numbers in its path), or null: not a multipart, unparseable, or
     * so deep that its parts' paths would be longer than a part path may be.
     */
    private static Multipart multipart(Part part, int depth) {
        if (depth >= MailboxNames.MAX_PART_NUMBERS) {
            return null;
        }
        try {
            if (!part.isMimeType("multipart/*")) {
                return null;
            }
            if (part.getContent() instanceof Multipart multipart) {
                multipart.getCount(); // parses it: a broken one fails here
                return multipart;
            }
        } catch (MessagingException | IOException e) {
            // a leaf then
        }
        return null;
    }

    /** The Content-Type, unfolded; text/plain when the part has none. */
    static String contentType(Part part) {
        try {
            String type = part.getContentType();
            return type == null ? "text/plain" : MimeUtility.unfold(type).strip();
        } catch (MessagingException e) {
            return "text/plain";
        }
    }

    /**
     * The Content-Type as a response header may carry it: parsed and written again in ASCII, else
     * application/octet-stream.
     */
    static String responseContentType(Part part) {
        try {
            ContentType parsed = new ContentType(contentType(part));
            String type = MimeUtility.unfold(parsed.toString());
            if (type.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                return type;
            }
            String base = parsed.getBaseType();
            return base.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? base : "application/octet-stream";
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    static String filename(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            try {
                return MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                return name;
            }
        } catch (MessagingException e) {
            return null;
        }
    }

    /** Octets of the decoded body, counted through a buffer; a body that stops decoding counts up to there. */
    private static long decodedSize(Part part) {
        long[] size = new long[1];
        try {
            count(part, size);
        } catch (IOException | MessagingException e) {
            // what decoded until the error
        }
        return size[0];
    }

    /**
     * Octets of the decoded body, all of which decode.
     *
     * @throws IOException where the body stops decoding (base64 that is not)
     */
    static long decodedLength(Part part) throws IOException, MessagingException {
        long[] size = new long[1];
        count(part, size);
        return size[0];
    }

    private static void count(Part part, long[] size) throws IOException, MessagingException {
        byte[] buffer = new byte[8192];
        try (InputStream in = part.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                size[0] += n;
            }
        }
    }
}
