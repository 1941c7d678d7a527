package dev.maillab.mailserver.relay.api;

import dev.maillab.mailserver.relay.QueueManager;
import dev.maillab.mailserver.relay.queue.Envelope;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queue over HTTP, as {@code mailq}, {@code postqueue -f} and {@code postsuper -d} are on a Postfix host:
 * {@code GET /api/queue} (and {@code /api/queue/mailq} as text), {@code POST /api/queue/flush},
 * {@code POST /api/queue/{id}/delete}. The guard of every
 * {@code /api/} request (lab host names only, no other site's POST) applies. Problems are
 * {@code application/problem+json}: 400 for an id that cannot be a queue id, 404 for one not queued.
 */
@RestController
@RequestMapping("/api/queue")
class QueueController {

    private static final Logger log = LoggerFactory.getLogger(QueueController.class);

    private final QueueManager queue;
    private final Clock clock = Clock.systemUTC();

    QueueController(QueueManager queue) {
        this.queue = queue;
    }

    /** Oldest first; at most maillab.relay.max-messages lines, since the queue holds no more. */
    @GetMapping
    List<QueuedMessage> list() {
        Instant now = clock.instant();
        return queue.list().stream().map(q -> QueuedMessage.of(q, now)).toList();
    }

    /** The same as {@code mailq} prints it (what {@code ./maillab queue} shows). */
    @GetMapping(path = "/mailq", produces = MediaType.TEXT_PLAIN_VALUE)
    String mailq() {
        return MailqText.of(list());
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable String id) {
        if (!Envelope.isQueueId(id)) {
            return badId();
        }
        return queue.find(id)
                .<ResponseEntity<?>>map(q -> ResponseEntity.ok(QueuedMessage.of(q, clock.instant())))
                .orElseGet(() -> notQueued(id));
    }

    /** Every message is tried now; the answer says how many. */
    @PostMapping("/flush")
    ResponseEntity<Map<String, Integer>> flush() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("flushed", queue.flush()));
    }

    @PostMapping("/{id}/delete")
    ResponseEntity<?> delete(@PathVariable String id) {
        if (!Envelope.isQueueId(id)) {
            return badId();
        }
        try {
            return queue.delete(id) ? ResponseEntity.noContent().build() : notQueued(id);
        } catch (IOException e) {
            log.warn("queue API: {}", e.toString());
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.INTERNAL_SERVER_ERROR, "cannot remove the queue files: " + e));
        }
    }

    private static ResponseEntity<?> badId() {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "a queue id is 1 to 32 upper-case hexadecimal digits"));
    }

    private static ResponseEntity<?> notQueued(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no message " + id + " in the queue"));
    }
}
