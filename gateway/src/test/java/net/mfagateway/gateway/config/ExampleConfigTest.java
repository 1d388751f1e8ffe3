package net.mfagateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code deploy/mfa-gateway.example.yaml} names every setting, loads, and says the defaults. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "mfa-gateway.example.yaml");

    @Test
    void theExampleNamesEverySettingTheLoaderKnows() throws Exception {
        Set<String> named = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#?\\s*([a-z_]+):").matcher(Files.readString(EXAMPLE));
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> known = new HashSet<>(ConfigLoader.KEYS);
        known.addAll(ConfigLoader.SMTP_KEYS);

        assertThat(named).containsAll(known);
        assertThat(known).containsAll(named);
    }

    @Test
    void theExampleLoadsToTheSameConfigAsNoSettingsAtAll() {
        Config example = ConfigLoader.load(EXAMPLE, Map.of());
        Config defaults = ConfigLoader.load(null, Map.of());

        assertThat(example.toString()).isEqualTo(defaults.toString());
    }
}
