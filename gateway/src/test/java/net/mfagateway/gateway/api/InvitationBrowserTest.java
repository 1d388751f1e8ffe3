package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.Browser;
import net.mfagateway.gateway.support.PageClient;
import net.mfagateway.gateway.support.TestClock;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The account owner's whole visit, in a real headless Chromium (no JavaScript needed by the page). */
class InvitationBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    private final TestClock clock = new TestClock();
    private TestGateway gw;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start(profile);
        gw = TestGateway.start(dir, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private String invite(String connectionId) throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections/" + connectionId + "/invitations", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // PUBLIC_URL is the default (port 8080); the test gateway listens on a free port.
        return gw.uri(PageClient.path(TestGateway.json(r).get("url").asText())).toString();
    }

    private WebElement await(WebDriver d, By by) {
        return new WebDriverWait(d, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void awaitText(WebDriver d, By by, String text) {
        new WebDriverWait(d, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Bounded: the long-poll is parked once the gauge says so. */
    private void awaitParkedLongPolls(int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!gw.get("/metrics").body().contains("mfa_gateway_longpoll_waiting " + n + ".0")) {
            assertThat(System.nanoTime()).as("long-poll parked in time").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void theOwnerAnswersTypesACodeConfirmsAndTheLinkIsThenUsedUp() throws Exception {
        // SDG&E's profile sets it up by forwarding, so its steps name the connection's address.
        JsonNode connection = gw.createConnection("sdge");
        String id = connection.get("id").asText();
        String link = invite(id);
        WebDriver d = browser.driver();

        d.get(link);
        await(d, By.id("continue")).click();

        awaitText(d, By.id("email"), connection.get("email").asText());
        assertThat(d.getCurrentUrl()).endsWith("/i/");
        assertThat(d.findElements(By.cssSelector("ol.steps li")).stream().map(WebElement::getText).toList())
                .anyMatch(step -> step.contains(connection.get("email").asText()));

        d.findElement(By.id("q1")).sendKeys("What is the name of your first pet?");
        d.findElement(By.id("a1")).sendKeys("Zork 4711");
        d.findElement(By.id("q2")).sendKeys("In what city were you born?");
        d.findElement(By.id("a2")).sendKeys("Quuxville");
        d.findElement(By.id("save-answers")).click();
        awaitText(d, By.id("flash"), "Your answers are saved.");
        HttpResponse<String> match = gw.post("/v1/connections/" + id + "/security-answers/match",
                "{\"question\": \"What was your first pet's name?\"}");
        assertThat(TestGateway.json(match).get("answer").asText()).isEqualTo("Zork 4711");

        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(
                HttpRequest.newBuilder(gw.uri("/v1/connections/" + id + "/codes/next?wait=20"))
                        .header("Authorization", "Bearer " + gw.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        awaitParkedLongPolls(1);
        d.findElement(By.id("code")).sendKeys("482 913");
        d.findElement(By.id("send-code")).click();
        awaitText(d, By.id("flash"), "the code went to the login service");
        JsonNode code = TestGateway.json(poll.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(code.get("code").asText()).isEqualTo("482913");
        assertThat(code.get("channel").asText()).isEqualTo("manual");

        d.findElement(By.id("confirm")).click();
        awaitText(d, By.id("message"), "You can close this page");
        assertThat(d.findElements(By.tagName("form"))).isEmpty();

        d.get(link);
        awaitText(d, By.tagName("h1"), "This link was already used");
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + id + "/events")).get("events");
        assertThat(events.findValuesAsText("type")).containsExactly("invitation.created", "invitation.opened",
                "security_answers.updated", "code.received", "invitation.completed");
    }

    @Test
    void anExpiredLinkShowsTheExpiredPage() throws Exception {
        String link = invite(gw.createConnection("coned").get("id").asText());
        clock.advance(Duration.ofHours(72).plusMinutes(1));
        WebDriver d = browser.driver();

        d.get(link);

        awaitText(d, By.id("message"), "This link has expired, ask for a new one");
        assertThat(d.findElements(By.id("continue"))).isEmpty();
        assertThat(List.of(d.getTitle())).containsExactly("This link has expired");
    }
}
