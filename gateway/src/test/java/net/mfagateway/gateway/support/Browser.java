package net.mfagateway.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium: Debian's {@code chromium} and
 * {@code chromium-driver}, named explicitly so Selenium Manager never looks for (or downloads)
 * anything. When they are missing, the first browser test tries to install them once with
 * apt-get (only as root, bounded in time, as {@code .ci/run} does); if they are still missing,
 * browser tests are skipped with a message saying how to install them.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final long INSTALL_MINUTES = 10;

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with its profile in {@code profileDir}, or skips the test when Chromium cannot be had. */
    public static Browser start(Path profileDir) {
        Optional<String> missing = Installation.MISSING;
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser test skipped: " + missing.orElse(""));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No sandbox: the tests run as root. The network switches keep Chromium from calling home,
        // which a closed network refuses, many times over.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,1024", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(service, driver);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /** Checked (and installed if possible) once per test JVM, the first time a browser is asked for. */
    private static final class Installation {
        static final Optional<String> MISSING = ensureInstalled();

        private static Optional<String> ensureInstalled() {
            if (present()) {
                return Optional.empty();
            }
            String why = CHROMIUM + " or " + CHROMEDRIVER + " is missing";
            if (!isRoot() || !Files.isExecutable(APT_GET)) {
                return Optional.of(why + "; install them with `apt-get install -y chromium chromium-driver`"
                        + " (as root), as .ci/run does");
            }
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "mfa-gateway-chromium-install.log");
            System.err.println("Browser: " + why + "; installing chromium and chromium-driver with apt-get (log: "
                    + log + ") ...");
            try {
                run(List.of("apt-get", "update"), log);
                run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"), log);
            } catch (IOException e) {
                return Optional.of(why + " and apt-get failed: " + e.getMessage() + " (see " + log + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(why + " and the install was interrupted");
            }
            return present() ? Optional.empty()
                    : Optional.of(why + " even after apt-get install chromium chromium-driver");
        }

        private static boolean present() {
            return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        }

        private static boolean isRoot() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        private static void run(List<String> command, Path log) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took over " + INSTALL_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue());
            }
        }
    }
}
