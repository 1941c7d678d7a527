package dev.maillab.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /mailboxes/{user}}: the user's messages, newest first, updated live. */
public final class MailboxPage extends ConsolePage {

    private MailboxPage(WebDriver driver) {
        super(driver);
    }

    public static MailboxPage open(WebDriver driver, String consoleUrl, String user) {
        driver.get(consoleUrl + "/mailboxes/" + user);
        MailboxPage page = new MailboxPage(driver);
        page.waiting().until(d -> !d.findElements(By.id("messages")).isEmpty());
        return page;
    }

    /** The subjects shown, top (newest) first. */
    public List<String> subjects() {
        return strings("return Array.from(document.querySelectorAll('#messages tr.message a.subject'))"
                + ".map(e => e.textContent.trim());");
    }

    /** Waits until a message with this subject is listed (it came live, or it was there). */
    public void awaitMessage(String subject) {
        waiting().until(d -> subjects().contains(subject));
    }

    public MessagePage openMessage(String subject) {
        for (WebElement link : driver.findElements(By.cssSelector("#messages tr.message a.subject"))) {
            if (link.getText().equals(subject)) {
                link.click();
                return MessagePage.awaitOpen(driver);
            }
        }
        throw new IllegalStateException("no message with subject " + subject + " among " + subjects());
    }
}
