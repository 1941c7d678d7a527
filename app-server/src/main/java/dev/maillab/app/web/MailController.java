package dev.maillab.app.web;

import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.send.MailService;
import dev.maillab.app.send.SendReceipt;
import dev.maillab.app.send.SendReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/mail: answers once a mail server accepted the message; failures are problem+json (see MailProblems). */
@RestController
public class MailController {

    private final MailService mailService;

    public MailController(MailService mailService) {
        this.mailService = mailService;
    }

    @PostMapping(
            path = "/api/mail",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public SendReceipt send(@RequestBody MailRequest request) {
        return mailService.send(request, SendReport.Source.API);
    }
}
