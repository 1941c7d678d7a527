package dev.maillab.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /mailboxes/{user}/messages/{id}}: one message, its verdict, its HTML in the sandboxed frame. */
public final class MessagePage extends ConsolePage {

    private MessagePage(WebDriver driver) {
        super(driver);
    }

    static MessagePage awaitOpen(WebDriver driver) {
        MessagePage page = new MessagePage(driver);
        page.waiting().until(d -> !d.findElements(By.id("verdict")).isEmpty());
        return page;
    }

    public String subject() {
        return driver.findElement(By.id("subject")).getText();
    }

    /** OK, WARN or FAIL, as pop3-client's checker judged the headers. */
    public String verdict() {
        return driver.findElement(By.cssSelector("#verdict .badge")).getText();
    }

    /** The text/plain parts as shown. */
    public List<String> texts() {
        return driver.findElements(By.cssSelector("#text pre")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public List<WebElement> htmlFrames() {
        return driver.findElements(By.cssSelector("iframe.html-part"));
    }

    /** The visible text inside the first HTML frame (the test then leaves the frame). */
    public String htmlFrameText() {
        WebElement frame = htmlFrames().get(0);
        driver.switchTo().frame(frame);
        try {
            return driver.findElement(By.tagName("body")).getText();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** The attribute of the first HTML frame's body (a mail's script would set one if it ran). */
    public String htmlFrameBodyAttribute(String name) {
        driver.switchTo().frame(htmlFrames().get(0));
        try {
            return driver.findElement(By.tagName("body")).getDomAttribute(name);
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    public JourneyPage openJourney() {
        driver.findElement(By.id("journey-link")).click();
        return JourneyPage.awaitOpen(driver);
    }
}
