package dev.maillab.console.journey;

import dev.maillab.console.ConsoleProperties;
import dev.maillab.console.events.Event;
import dev.maillab.console.events.EventsClient;
import dev.maillab.console.events.Reading;
import dev.maillab.console.events.Service;
import dev.maillab.console.events.ServiceAnswerException;
import dev.maillab.console.mailbox.MailboxClient;
import dev.maillab.console.mailbox.MessageDetail;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads what the services still hold and joins it ({@link JourneyJoin}): the three, and the smtp-servers of the
 * lab's other domains, where a relayed message arrives. A service that cannot be read is named in the journey, which
 * then lacks its steps.
 */
@Component
public class JourneyReader {

    private final EventsClient events;
    private final MailboxClient mailboxes;
    private final List<Service> smtpServers;

    public JourneyReader(EventsClient events, MailboxClient mailboxes, ConsoleProperties settings) {
        this.events = events;
        this.mailboxes = mailboxes;
        this.smtpServers = Service.smtpServers(settings);
    }

    public Journey read(JourneyQuery query) {
        List<String> unreachable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String messageId = query.messageId();
        if (query.user() != null) {
            // the Maildir message's own Message-ID joins the app-server's send
            try {
                Reading<MessageDetail> message = Reading.of(() -> mailboxes.message(query.user(), query.id()));
                if (message.ok()) {
                    if (messageId == null) {
                        messageId = message.value().messageId();
                    }
                } else {
                    unreachable.add(message.problem());
                }
            } catch (ServiceAnswerException e) {
                // gone (deleted by POP3 or here): its events still tell where it went
                notes.add("The message is no longer in " + query.user() + "'s Maildir (" + e.getMessage() + ").");
            }
        }
        List<Event> app = read(Service.APP, null, unreachable);
        List<Event> smtp = new ArrayList<>();
        for (Service server : smtpServers) {
            smtp.addAll(read(server, null, unreachable));
        }
        List<Event> dns = read(Service.DNS, "dns.query", unreachable);
        return JourneyJoin.join(
                new JourneyJoin.Seeds(messageId, query.queueId(), query.id()), app, dns, smtp, unreachable, notes);
    }

    private List<Event> read(Service service, String kind, List<String> unreachable) {
        Reading<List<Event>> r = Reading.of(() -> events.all(service, kind));
        if (!r.ok()) {
            if (!unreachable.contains(r.problem())) {
                unreachable.add(r.problem());
            }
            return List.of();
        }
        return r.value();
    }
}
