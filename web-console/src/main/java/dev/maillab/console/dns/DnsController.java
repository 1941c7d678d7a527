package dev.maillab.console.dns;

import dev.maillab.console.events.Event;
import dev.maillab.console.events.Reading;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /dns?q=…}: the zones and their records, and the newest queries (filtered), refreshed as they come. */
@Controller
public class DnsController {

    /** Queries read for the log; the filter applies to these. */
    static final int LOG_QUERIES = 500;

    private final DnsClient dns;

    public DnsController(DnsClient dns) {
        this.dns = dns;
    }

    @GetMapping("/dns")
    public String dns(@RequestParam(name = "q", required = false) String q, Model model) {
        QueryFilter filter = new QueryFilter(q);
        model.addAttribute("filter", filter);
        model.addAttribute("logSize", LOG_QUERIES);
        model.addAttribute("zones", Reading.of(dns::zones));
        model.addAttribute("queries", Reading.of(() -> {
            List<Event> shown = new ArrayList<>();
            List<Event> recent = dns.recentQueries(LOG_QUERIES);
            for (int i = recent.size() - 1; i >= 0; i--) {
                if (filter.matches(recent.get(i))) {
                    shown.add(recent.get(i));
                }
            }
            return shown;
        }));
        return "dns";
    }
}
