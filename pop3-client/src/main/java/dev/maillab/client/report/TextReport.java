package dev.maillab.client.report;

import dev.maillab.client.check.CheckResult;
import dev.maillab.client.check.HeaderFinding;
import dev.maillab.client.check.MessageVerdict;
import dev.maillab.client.pop3.Transcript;
import java.io.PrintWriter;

/** The telnet-style transcript, then a verdict block per message and the result line. */
public final class TextReport {

    private TextReport() {}

    public static void print(CheckResult r, PrintWriter out) {
        for (Transcript.Line line : r.transcript()) {
            out.println(line.text());
        }
        out.println();
        for (MessageVerdict v : r.messages()) {
            out.printf("== message %d (%d octets): %s%n", v.number(), v.size(), v.status());
            for (HeaderFinding f : v.findings()) {
                StringBuilder sb = new StringBuilder(String.format("   %-16s %-4s", f.check(), f.status()));
                if (f.value() != null) {
                    sb.append(' ').append(f.value());
                }
                if (f.note() != null) {
                    sb.append(f.value() != null ? "  -- " : " ").append(f.note());
                }
                out.println(sb.toString().stripTrailing());
            }
        }
        out.printf("== %s: %s%n", r.result(), r.reason());
        out.flush();
    }
}
