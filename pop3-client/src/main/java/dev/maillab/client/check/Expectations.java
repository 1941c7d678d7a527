package dev.maillab.client.check;

import dev.maillab.client.pop3.MaildropSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What must be in the maildrop. With neither a subject nor a count, at least one message is expected: the
 * checker exists to see mail arrive (--expect-count 0 accepts an empty maildrop).
 *
 * @param subject decoded Subject one retrieved message must have exactly, or null
 * @param count   at least this many messages (STAT), or null
 */
public record Expectations(String subject, Integer count) {

    public int minimumCount() {
        return count != null ? count : subject == null ? 1 : 0;
    }

    /** Empty when met; otherwise why not, e.g. "no message with Subject "x" among 2". */
    public List<String> unmet(MaildropSnapshot snapshot, List<MessageVerdict> verdicts) {
        List<String> unmet = new ArrayList<>();
        if (snapshot.count() < minimumCount()) {
            unmet.add("expected at least " + minimumCount() + " message(s), found " + snapshot.count());
        }
        if (subject != null && verdicts.stream().noneMatch(v -> subject.equals(v.subject()))) {
            unmet.add("no message with Subject \"" + subject + "\" among " + verdicts.size() + " retrieved");
        }
        return unmet;
    }
}
