package dev.maillab.console.web;

import dev.maillab.console.events.EventHub;
import dev.maillab.console.events.UpstreamStreams;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page shows: each service's live state (its event stream open or why not) and the console
 * event number the page's script continues after, so nothing between rendering and connecting is missed.
 */
@ControllerAdvice(annotations = Controller.class)
class PageModelAdvice {

    private final UpstreamStreams streams;
    private final EventHub hub;

    PageModelAdvice(UpstreamStreams streams, EventHub hub) {
        this.streams = streams;
        this.hub = hub;
    }

    @ModelAttribute("streams")
    List<UpstreamStreams.State> streams() {
        return streams.states();
    }

    @ModelAttribute("eventsAfter")
    long eventsAfter() {
        return hub.last();
    }
}
