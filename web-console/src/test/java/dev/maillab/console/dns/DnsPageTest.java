package dev.maillab.console.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The DNS page: zones and records, and the newest queries with the filter. */
class DnsPageTest extends ConsoleTest {

    @Test
    void theZonesAndTheirRecordsAreShown() throws Exception {
        String page = console().page("/dns").body();
        assertThat(page).contains("data-zone=\"example.local.\"", "data-zone=\"19.172.in-addr.arpa.\"");
        assertThat(page).contains("10 mail.example.local.", "serial 2024010101, db.example.local");
    }

    @Test
    void theQueryLogIsNewestFirstAndTheFilterKeepsMatchingQueries() throws Exception {
        query("first-filter-test.example.", "A", "NXDOMAIN");
        query("second-filter-test.example.", "MX", "NOERROR");
        HttpResponse<String> all = console().page("/dns");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("data-live=\"dns.query\"");
        assertThat(all.body().indexOf("second-filter-test"))
                .isPositive()
                .isLessThan(all.body().indexOf("first-filter-test"));

        String mx = console().page("/dns?q=mx+filter-test").body();
        assertThat(mx).contains("second-filter-test.example.").doesNotContain("first-filter-test.example.");
    }

    @Test
    void aQueryFaultedOnPurposeSaysWhichRuleAndWhatItDid() throws Exception {
        ObjectNode q = FakeService.fields();
        q.put("client", "127.0.0.1:5353");
        q.put("transport", "udp");
        q.put("name", "dropped-fault-test.example.");
        q.put("type", "MX");
        q.putNull("rcode");
        q.putArray("answers");
        q.put("fault", "http-7 drop");
        LAB.dns.publish("dns.query", q);

        String page = console().page("/dns?q=dropped-fault-test").body();

        assertThat(page).contains("dropped-fault-test.example.", "no answer", "(fault http-7 drop)");
    }

    @Test
    void aFilterWithControlCharactersIsABadRequest() throws Exception {
        assertThat(console().page("/dns?q=a%0Ab").statusCode()).isEqualTo(400);
    }

    private static void query(String name, String type, String rcode) {
        ObjectNode q = FakeService.fields();
        q.put("client", "127.0.0.1:5353");
        q.put("transport", "udp");
        q.put("name", name);
        q.put("type", type);
        q.put("rcode", rcode);
        q.putArray("answers");
        q.put("micros", 10);
        LAB.dns.publish("dns.query", q);
    }
}
