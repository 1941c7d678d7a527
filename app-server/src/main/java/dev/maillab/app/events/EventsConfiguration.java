package dev.maillab.app.events;

import dev.maillab.app.send.SendObserver;
import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.StreamSlots;
import dev.maillab.events.servlet.ServletEventStreams;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web application's journal of events, the live streams on it, and the sends recorded in it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    @Bean
    EventJournal eventJournal(EventsProperties properties) {
        return new EventJournal(properties);
    }

    @Bean
    StreamSlots streamSlots(EventsProperties properties) {
        return new StreamSlots(properties);
    }

    @Bean
    ServletEventStreams eventStreams(EventJournal journal, StreamSlots slots, EventsProperties properties) {
        return new ServletEventStreams(journal, slots, properties);
    }

    @Bean
    SendObserver journalSendObserver(EventJournal journal) {
        return new JournalSendObserver(journal);
    }
}
