package dev.maillab.mailserver.events;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.StreamSlots;
import dev.maillab.events.servlet.ServletEventStreams;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What this service tells the web console: one {@link EventJournal} ({@code maillab.events.*}), the observers the
 * SMTP, POP3, Maildir and relay features call with what they saw, and the live streams of the events API
 * ({@link EventsController}). The features know only their own observer interfaces; this package implements them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsConfiguration {

    @Bean
    EventJournal eventJournal(EventsProperties properties) {
        return new EventJournal(properties);
    }

    @Bean
    Recorder eventRecorder(EventJournal journal) {
        return new Recorder(journal);
    }

    @Bean
    SmtpEventRecorder smtpEventRecorder(Recorder recorder, TranscriptProperties limits) {
        return new SmtpEventRecorder(recorder, limits);
    }

    @Bean
    Pop3EventRecorder pop3EventRecorder(Recorder recorder, TranscriptProperties limits) {
        return new Pop3EventRecorder(recorder, limits);
    }

    @Bean
    MaildirEventRecorder maildirEventRecorder(Recorder recorder) {
        return new MaildirEventRecorder(recorder);
    }

    @Bean
    RelayEventRecorder relayEventRecorder(Recorder recorder) {
        return new RelayEventRecorder(recorder);
    }

    @Bean
    ServletEventStreams liveStreams(EventJournal journal, EventsProperties properties) {
        return new ServletEventStreams(journal, new StreamSlots(properties), properties);
    }
}
