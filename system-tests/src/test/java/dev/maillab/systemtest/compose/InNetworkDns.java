package dev.maillab.systemtest.compose;

import java.io.IOException;
import java.util.Base64;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Asks a DNS server from inside a container of the stack: the query is built here, sent by bash's /dev/udp from the
 * container (every image has bash and coreutils; no dig in a minbase image) and the raw answer read back here.
 * Docker's embedded resolver is bypassed on purpose: it would answer PTR queries for container addresses itself.
 */
final class InNetworkDns {

    private final StackContainers containers;

    InNetworkDns(StackContainers containers) {
        this.containers = containers;
    }

    Message query(String fromService, String server, String name, int type) throws IOException, InterruptedException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        String wire = Base64.getEncoder().encodeToString(query.toWire());
        String script = "exec 3<>/dev/udp/" + server + "/53 && printf %s " + wire + " | base64 -d >&3"
                + " && timeout 5 dd bs=4096 count=1 <&3 2>/dev/null | base64 -w0";
        StackContainers.Exec exec = containers.exec(fromService, "bash", "-c", script);
        if (exec.exitCode() != 0 || exec.stdout().isBlank()) {
            throw new IOException("no DNS answer from " + server + " in " + fromService + ": exit " + exec.exitCode()
                    + " " + exec.stderr());
        }
        Message answer = new Message(Base64.getDecoder().decode(exec.stdout().trim()));
        if (answer.getHeader().getID() != query.getHeader().getID()) {
            throw new IOException("answer to another query: " + answer);
        }
        return answer;
    }

    static String firstAnswer(Message answer) {
        return answer.getSection(Section.ANSWER).stream()
                .map(r -> r.rdataToString())
                .findFirst()
                .orElse("(none)");
    }
}
