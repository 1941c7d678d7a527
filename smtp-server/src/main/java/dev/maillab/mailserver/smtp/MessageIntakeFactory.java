package dev.maillab.mailserver.smtp;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.MessageHandlerFactory;

/** SubEtha asks this for a new {@link MessageIntake} at every MAIL command. */
public final class MessageIntakeFactory implements MessageHandlerFactory {

    private final SmtpSessions sessions;
    private final MessageIntake.Services services;

    public MessageIntakeFactory(SmtpSessions sessions, MessageIntake.Services services) {
        this.sessions = sessions;
        this.services = services;
    }

    @Override
    public MessageHandler create(MessageContext context) {
        return new MessageIntake(context, sessions.stateOf(context), services);
    }
}
