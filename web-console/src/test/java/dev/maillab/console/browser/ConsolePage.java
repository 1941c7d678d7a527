package dev.maillab.console.browser;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every console page has: the layout, its live status, and a way to tell it was not reloaded. */
public abstract class ConsolePage {

    /** Generous: the machines that run this are small and busy. */
    public static final Duration WAIT = Duration.ofSeconds(90);

    protected final WebDriver driver;
    private String mark;

    protected ConsolePage(WebDriver driver) {
        this.driver = driver;
    }

    protected WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
        // a live part swapped while it was being read
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits until the page's own event stream is open ("live" in the header). */
    public void awaitLive() {
        waiting().until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
    }

    /** Leaves a mark in this document; {@link #notReloaded} is true while the same document is shown. */
    public void mark() {
        mark = UUID.randomUUID().toString();
        ((JavascriptExecutor) driver).executeScript("window.maillabMark = arguments[0];", mark);
    }

    public boolean notReloaded() {
        return mark != null && mark.equals(((JavascriptExecutor) driver).executeScript("return window.maillabMark;"));
    }

    /** "smtp-server live" / "smtp-server unreachable" as the header shows it. */
    public String serviceState(String service) {
        return driver.findElement(By.cssSelector(".service[data-service='" + service + "']"))
                .getText();
    }

    /** Texts or attributes read in one go in the page, so a live swap cannot come between them. */
    @SuppressWarnings("unchecked")
    protected List<String> strings(String script, Object... args) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public String title() {
        return driver.getTitle();
    }
}
