package dev.maillab.mailserver.smtp;

import java.net.InetAddress;

/**
 * What the intake asks about who sent a message: a DKIM signature for mail this server sends on, and the SPF, DKIM
 * and DMARC verdict on mail it delivers locally. The senderauth feature implements it; without it ({@link #NONE})
 * nothing is signed or checked.
 */
public interface SenderAuthentication {

    /** Nothing signed, nothing checked, nothing added. */
    SenderAuthentication NONE = new SenderAuthentication() {
        @Override
        public byte[] sign(String sender, byte[] message) {
            return new byte[0];
        }

        @Override
        public Verdict check(Arrival arrival) {
            return new Verdict(new byte[0], arrival.message(), null, null);
        }
    };

    /**
     * The DKIM-Signature field (CRLF-terminated) to put in front of a message this server relays or an authenticated
     * user submitted, or nothing when none of this server's domains is the sender's.
     *
     * @param message the message as it leaves (CRLF; its Message-ID and Date already in place, as they are signed)
     */
    byte[] sign(String sender, byte[] message);

    /** The verdict on a message that is delivered here. */
    Verdict check(Arrival arrival);

    /**
     * @param helo    what the client said in HELO/EHLO, null for nothing
     * @param sender  the MAIL FROM address, "" for the null sender
     */
    record Arrival(InetAddress client, String helo, String sender, byte[] message) {}

    /**
     * @param header    the Authentication-Results field (CRLF-terminated) in front of each stored copy; empty: none
     * @param message   what is stored: the message without the Authentication-Results fields that claim this host
     * @param summary   the results for the delivery log line ({@code spf=pass dkim=pass dmarc=pass}); null: none
     * @param rejection the text after {@code 550} when the message is refused at the end of DATA; null: delivered
     */
    record Verdict(byte[] header, byte[] message, String summary, String rejection) {}
}
