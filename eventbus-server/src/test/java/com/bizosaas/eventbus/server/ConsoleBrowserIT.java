package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (headless Chromium) against a real server process with API
 * keys on: an operator's whole round, in one browser session. Screenshots of every page go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {
    private static final String KEY = "console-key";
    private static final String TENANT = UUID.randomUUID().toString();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static Process server;
    private static TestHttp http;
    private static HeadlessChromium browser;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        int port = freePort();
        File log = Path.of("target", "console-server-" + port + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EventBusServer.class.getName())
                .redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EVENTBUS_"));
        env.put("EVENTBUS_SERVICE_PORT", Integer.toString(port));
        env.put("EVENTBUS_API_KEYS", KEY + ":" + TENANT);
        env.put("EVENTBUS_LOG_FORMAT", "text");
        server = builder.start();
        http = new TestHttp("http://127.0.0.1:" + port);
        Await.until("the server process answers /health/ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            assertThat(server.isAlive()).as("the server process is alive; see " + log).isTrue();
            try {
                return http.get("/health/ready").status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        receiver = new WebhookReceiver();
        browser = new HeadlessChromium(SCREENSHOTS, 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void anOperatorTailsEventsRedrivesADeadLetterAndReplaysFromTheConsole() {
        WebDriver page = browser.driver();

        // Sign in: the key goes to session storage and is checked on a first call.
        page.get(http.baseUrl() + "/console");
        type(By.id("api-key"), KEY);
        type(By.id("tenant"), TENANT);
        page.findElement(By.id("sign-in")).click();
        awaitText(By.id("health"), "event_store");
        awaitText(By.id("charts"), "Events per second");
        assertThat(sessionStorage("eventbus.apiKey")).isEqualTo(KEY);
        browser.screenshot("overview");

        // Live tail: it starts at the newest event, and one published through the API appears within a second.
        String earlier = publish("lead.created", "lead-41");
        page.findElement(By.linkText("Live tail")).click();
        awaitText(By.id("tail-status"), "connected");
        assertThat(page.findElement(By.id("tail-rows")).getText()).contains("Waiting for events");
        String eventId = publish("lead.created", "lead-42");
        long publishedAt = System.currentTimeMillis();
        By tailRow = By.cssSelector("#tail-rows tr[data-event-id='" + eventId + "']");
        // The page stamps each row with when the event reached it, so the figure leaves out how slowly
        // WebDriver polls on a loaded machine; the wait is longer only to read that stamp.
        eventually("the event appears in the live tail", () -> present(tailRow));
        long shownAfterMillis = Long.parseLong(page.findElement(tailRow).getAttribute("data-received-at")) - publishedAt;
        page.findElement(tailRow).click();
        awaitText(By.id("event-detail"), "\"subject\": \"lead-42\"");
        assertThat(present(By.cssSelector("#tail-rows tr[data-event-id='" + earlier + "']"))).isFalse();
        // Paused, it counts new events without showing them; resumed, it shows them.
        page.findElement(By.id("tail-pause")).click();
        String whilePaused = publish("lead.qualified", "lead-42");
        awaitText(By.id("tail-pause"), "Resume (1 new)");
        assertThat(present(By.cssSelector("#tail-rows tr[data-event-id='" + whilePaused + "']"))).isFalse();
        page.findElement(By.id("tail-pause")).click();
        eventually("the event published while paused shows",
                () -> present(By.cssSelector("#tail-rows tr[data-event-id='" + whilePaused + "']")));
        browser.screenshot("live-tail");

        // A webhook subscription whose receiver fails: one attempt, so the test event is a dead letter at once.
        receiver.answer(500);
        page.findElement(By.linkText("Subscriptions")).click();
        awaitText(By.id("subscription-list"), "No subscription yet");
        type(By.id("sub-service"), "console-hooks");
        type(By.id("sub-type"), "order.placed");
        type(By.id("sub-url"), receiver.url());
        type(By.id("sub-attempts"), "1");
        page.findElement(By.id("subscribe")).click();
        awaitText(By.id("secret-box"), "whsec_");
        awaitText(By.id("subscription-list"), "console-hooks");
        browser.screenshot("subscriptions");
        page.findElement(By.xpath("//button[text()='Send test event']")).click();
        awaitText(By.id("secret-box"), "published to console-hooks only");
        Await.until("the webhook is called and fails", () -> receiver.calls() >= 1);

        // Dead letters: inspect the failed attempt, then redrive it once the receiver works again.
        page.findElement(By.linkText("Dead letters")).click();
        By letterRow = By.cssSelector("#dead-letter-list tr[data-dead-letter-id]");
        eventually("the dead letter is listed", () -> {
            page.findElement(By.cssSelector("#main form button[type=submit]")).click();
            return present(letterRow);
        });
        page.findElement(letterRow).click();
        awaitText(By.id("dead-letter-detail"), "500");
        browser.screenshot("dead-letters");
        receiver.answer(200);
        page.findElement(letterRow).findElement(By.className("redrive")).click();
        awaitText(By.id("dl-result"), "Redriven: 1");
        Await.until("the redriven event is delivered", () -> receiver.accepted().size() == 1);
        awaitText(By.id("dead-letter-list"), "No dead letters here");

        // Event search finds both events; one opens with its JSON.
        page.findElement(By.linkText("Events")).click();
        awaitText(By.id("search-results"), "order.placed");
        assertThat(page.findElement(By.id("search-results")).getText()).contains("lead.created");
        // By keyboard: a result row takes the focus and Enter opens it.
        WebElement result = page.findElement(By.cssSelector("#search-results tr[data-event-id='" + eventId + "']"));
        assertThat(result.getAttribute("tabindex")).isEqualTo("0");
        result.sendKeys(Keys.ENTER);
        awaitText(By.id("event-detail"), eventId);
        browser.screenshot("events");

        // Replay the subscription's events: the job finishes and the receiver gets the replayed event.
        page.findElement(By.linkText("Replays")).click();
        eventually("the subscription is offered", () -> new Select(page.findElement(By.id("replay-subscription")))
                .getFirstSelectedOption().getText().contains("console-hooks"));
        type(By.id("replay-types"), "order.placed");
        page.findElement(By.id("replay-start")).click();
        awaitText(By.id("replay-list"), "completed");
        Await.until("the replayed event is delivered", () -> receiver.accepted().stream()
                .anyMatch(d -> d.header("X-EventBus-Replay") != null));
        browser.screenshot("replays");

        // A phone's width: the same page, one column.
        browser.resize(390, 844);
        page.findElement(By.linkText("Overview")).click();
        awaitText(By.id("health"), "event_store");
        browser.screenshot("overview-phone");

        assertThat(shownAfterMillis).as("milliseconds from publish to the live tail").isLessThan(1000);
        System.out.printf("Console: event shown in the live tail %d ms after its publish returned%n", shownAfterMillis);
    }

    @Test
    void aWrongKeyIsRefusedWithTheServersMessage() {
        WebDriver page = browser.driver();
        page.get(http.baseUrl() + "/console/");
        ((JavascriptExecutor) page).executeScript("sessionStorage.clear(); location.hash = ''; location.reload();");
        type(By.id("api-key"), "not-a-key");
        type(By.id("tenant"), TENANT);
        page.findElement(By.id("sign-in")).click();

        awaitText(By.id("error"), "the API key is not valid");
        assertThat(page.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    private static String publish(String type, String subject) {
        Reply reply = http.post("/events/publish", """
                {"event_type": "%s", "tenant_id": "%s", "subject": "%s", "data": {"n": 1}}""".formatted(type, TENANT, subject),
                "X-API-Key", KEY);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("event_id").asText();
    }

    /** Waits for the field first: the page draws itself once its modules have loaded. */
    private static void type(By field, String text) {
        eventually(field + " is shown", () -> present(field));
        WebElement input = browser.driver().findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    private static boolean present(By locator) {
        return !browser.driver().findElements(locator).isEmpty();
    }

    private static void awaitText(By locator, String text) {
        eventually("'" + text + "' shows in " + locator, () -> {
            List<WebElement> found = browser.driver().findElements(locator);
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    /** Like Await.until, but a page redrawn between finding and reading an element is just "not yet". */
    private static void eventually(String what, Supplier<Boolean> condition) {
        Await.until(what, Duration.ofSeconds(10), () -> {
            try {
                return condition.get();
            } catch (WebDriverException redrawn) {
                return false;
            }
        });
    }

    private static String sessionStorage(String key) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("return sessionStorage.getItem(arguments[0])", key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
