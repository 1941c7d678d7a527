package dev.maillab.console.testsupport;

import com.sun.net.httpserver.HttpHandler;

/** dns-server's zones and query events. */
public class FakeDnsServer extends FakeService {

    static final String ZONES = """
            [{"name":"example.local.","serial":2024010101,"file":"db.example.local","records":[
              {"name":"example.local.","ttl":3600,"type":"SOA","data":"ns.example.local. hostmaster.example.local. 2024010101 3600 600 86400 3600"},
              {"name":"example.local.","ttl":3600,"type":"MX","data":"10 mail.example.local."},
              {"name":"mail.example.local.","ttl":3600,"type":"A","data":"127.0.0.1"}]},
             {"name":"19.172.in-addr.arpa.","serial":2024010101,"file":"db.19.172.in-addr.arpa","records":[
              {"name":"3.0.19.172.in-addr.arpa.","ttl":3600,"type":"PTR","data":"mail.example.local."}]}]""";

    public FakeDnsServer() {
        super("dns-server");
    }

    @Override
    protected HttpHandler handler(String method, String path) {
        return method.equals("GET") && path.equals("/api/zones") ? ex -> json(ex, 200, ZONES) : null;
    }
}
