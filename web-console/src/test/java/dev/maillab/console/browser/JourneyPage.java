package dev.maillab.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** {@code /journey}: one message's timeline, updated live as the services record more of it. */
public final class JourneyPage extends ConsolePage {

    private JourneyPage(WebDriver driver) {
        super(driver);
    }

    static JourneyPage awaitOpen(WebDriver driver) {
        JourneyPage page = new JourneyPage(driver);
        page.waiting()
                .until(d ->
                        !d.findElements(By.cssSelector("#journey ol.timeline")).isEmpty());
        return page;
    }

    public static JourneyPage open(WebDriver driver, String consoleUrl, String query) {
        driver.get(consoleUrl + "/journey?" + query);
        return awaitOpen(driver);
    }

    /** The steps' kinds in time order (app.send, dns.query, smtp.session, smtp.delivery, pop3.session, ...). */
    public List<String> stepKinds() {
        return strings("return Array.from(document.querySelectorAll('#journey li.step')).map(e => e.dataset.kind);");
    }

    /** The text of every step of this kind, joined (titles, details, transcripts). */
    public String stepText(String kind) {
        return String.join(
                "\n",
                strings(
                        "return Array.from(document.querySelectorAll('#journey li.step'))"
                                + ".filter(e => e.dataset.kind === arguments[0]).map(e => e.innerText);",
                        kind));
    }

    /** Waits until a step of this kind is shown. */
    public void awaitStep(String kind) {
        waiting().until(d -> stepKinds().contains(kind));
    }
}
