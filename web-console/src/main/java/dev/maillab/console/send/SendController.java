package dev.maillab.console.send;

import dev.maillab.console.events.ServiceUnreachableException;
import dev.maillab.console.journey.JourneyQuery;
import dev.maillab.console.web.Redirects;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /send}: a form that sends through app-server, then opens the new message's journey (303 to
 * {@code /journey?messageId=…&queueId=…}). A refusal shows the form again with app-server's own words.
 */
@Controller
public class SendController {

    private final SendClient sender;

    public SendController(SendClient sender) {
        this.sender = sender;
    }

    @GetMapping("/send")
    public String form(Model model) {
        model.addAttribute("form", SendForm.empty());
        return "send";
    }

    @PostMapping("/send")
    public ModelAndView send(
            @ModelAttribute SendForm form,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> attachments,
            Model model)
            throws IOException {
        model.addAttribute("form", form);
        if (form.toList().isEmpty()) {
            return refused(model, 400, "Not sent", List.of("to: at least one recipient"));
        }
        SendResult result;
        try {
            result = sender.send(form, attachments == null ? List.of() : attachments);
        } catch (ServiceUnreachableException e) {
            return refused(model, 502, "Not sent", List.of(e.getMessage()));
        }
        if (!result.sent()) {
            return refused(model, result.status() == 400 ? 400 : 502, result.title(), result.errors());
        }
        return new ModelAndView(
                Redirects.seeOther(new JourneyQuery(result.messageId(), result.queueId(), null, null).url()));
    }

    private static ModelAndView refused(Model model, int status, String title, List<String> errors) {
        model.addAttribute("refusedTitle", title);
        model.addAttribute("errors", errors);
        return new ModelAndView("send", model.asMap(), HttpStatusCode.valueOf(status));
    }
}
