package dev.maillab.console.mailbox;

import static dev.maillab.console.events.ServiceClient.segment;

import dev.maillab.console.events.Service;
import dev.maillab.console.events.ServiceClient;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** smtp-server's mailbox API; every name is checked by {@link MaildirNames} before it is put in a URL. */
@Component
public class MailboxClient {

    private final ServiceClient client;

    public MailboxClient(ServiceClient client) {
        this.client = client;
    }

    public List<Mailbox> mailboxes() {
        return client.getJson(Service.SMTP, "/api/mailboxes", new TypeReference<List<Mailbox>>() {});
    }

    /** Newest first. */
    public List<MessageSummary> messages(String user) {
        return client.getJson(Service.SMTP, base(user), new TypeReference<List<MessageSummary>>() {});
    }

    public MessageDetail message(String user, String id) {
        return client.getJson(Service.SMTP, base(user, id), new TypeReference<MessageDetail>() {});
    }

    /** The file's bytes. */
    public ServiceClient.Answer raw(String user, String id) {
        return client.getBytes(Service.SMTP, base(user, id) + "/raw", ServiceClient.MAX_CONTENT_BYTES);
    }

    /** One part's decoded body with its content type. */
    public ServiceClient.Answer part(String user, String id, String path) {
        return client.getBytes(
                Service.SMTP,
                base(user, id) + "/parts/" + segment(MaildirNames.part(path)),
                ServiceClient.MAX_CONTENT_BYTES);
    }

    public void delete(String user, String id) {
        client.post(Service.SMTP, base(user, id) + "/delete");
    }

    private static String base(String user) {
        return "/api/mailboxes/" + segment(MaildirNames.user(user)) + "/messages";
    }

    private static String base(String user, String id) {
        return base(user) + "/" + segment(MaildirNames.message(id));
    }
}
