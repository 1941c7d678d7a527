package dev.maillab.console.journey;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /journey?messageId=…|queueId=…|user=…&id=…}: one message's timeline, refreshed as events arrive. */
@Controller
public class JourneyController {

    private final JourneyReader reader;

    public JourneyController(JourneyReader reader) {
        this.reader = reader;
    }

    @GetMapping("/journey")
    public String journey(
            @RequestParam(name = "messageId", required = false) String messageId,
            @RequestParam(name = "queueId", required = false) String queueId,
            @RequestParam(name = "user", required = false) String user,
            @RequestParam(name = "id", required = false) String id,
            Model model) {
        JourneyQuery query = new JourneyQuery(messageId, queueId, user, id);
        model.addAttribute("query", query);
        model.addAttribute("journey", reader.read(query));
        return "journey";
    }
}
