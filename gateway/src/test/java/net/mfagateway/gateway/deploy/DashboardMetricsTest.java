package net.mfagateway.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.support.WebhookReceiver;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules and the dashboard in {@code deploy/} use only metrics the gateway really
 * exports: after some traffic of every kind, each name they query is in {@code /metrics}.
 */
class DashboardMetricsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern METRIC = Pattern.compile("\\b((?:mfa_gateway|jvm|process)_[a-z_]+)");

    @TempDir
    Path dir;

    private static Set<String> queried(Path file) throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(file));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsExported() throws Exception {
        Set<String> wanted = new TreeSet<>(queried(DEPLOY.resolve("prometheus/mfa-gateway-alerts.yaml")));
        wanted.addAll(queried(DEPLOY.resolve("grafana/mfa-gateway-dashboard.json")));
        assertThat(wanted).contains("mfa_gateway_connections", "mfa_gateway_webhook_deliveries_total",
                "mfa_gateway_store_commit_seconds_bucket");

        try (TestGateway gateway = TestGateway.start(dir);
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC());
                WebhookReceiver receiver = WebhookReceiver.start()) {
            assertThat(gateway.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\""
                    + "0123456789abcdef0123\"}").statusCode()).isEqualTo(201);
            JsonNode c = TestGateway.json(gateway.post("/v1/connections", "{\"utility\":\"sdge\",\"login\":"
                    + "{\"driver\":\"simulated\",\"url\":\"" + portal.url() + "\",\"username\":\"ann\"}}"));
            portal.addAccount(PortalAccount.emailCode("ann", c.get("email").asText(), "myaccount@sdge.com",
                    "Your SDG&E verification code"));
            gateway.workers().logInNow(c.get("id").asText()).get(30, TimeUnit.SECONDS);
            Await.until("a webhook delivery is counted", java.time.Duration.ofSeconds(20),
                    () -> gateway.get("/metrics").body().contains("mfa_gateway_webhook_deliveries_total{"));

            String exported = gateway.get("/metrics").body();
            for (String name : wanted) {
                if (name.startsWith("jvm_") || name.startsWith("process_") || name.startsWith("mfa_gateway_")) {
                    assertThat(exported).as("exported metric " + name).containsPattern("(?m)^" + name + "[{ ]");
                }
            }
        }
    }
}
