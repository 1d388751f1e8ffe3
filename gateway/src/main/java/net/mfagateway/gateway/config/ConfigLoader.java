package net.mfagateway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link Config} from an optional YAML file and the environment; the environment
 * wins. YAML keys are the environment names without the {@code MFA_GATEWAY_} prefix, in lower
 * case ({@code smtp_port: 2525}). Every problem names the setting and the fix.
 */
public final class ConfigLoader {

    static final String PREFIX = "MFA_GATEWAY_";
    static final Set<String> KEYS = Set.of("data_dir", "smtp_port", "http_port", "bind", "mail_domain",
            "admin_token", "public_url", "twilio_auth_token", "twilio_account_sid", "twilio_api_key", "twilio_api_secret",
            "twilio_api_base", "rules_dir", "secret_key", "store",
            "max_message_bytes", "journal_snapshot_bytes", "worker_concurrency", "worker_code_wait_seconds",
            "worker_utility_interval_seconds", "worker_retry_base_seconds", "worker_retry_max_seconds", "worker_device_ttl",
            "attention_after_failures", "invitation_ttl", "relay_host", "relay_port", "relay_username",
            "relay_password", "relay_starttls", "copy_from", "webhook_retry_first", "webhook_retry_max",
            "webhook_give_up_after", "retention", "event_retention", "http_max_longpolls",
            "http_max_longpolls_per_tenant", "http_request_timeout_seconds", "http_idle_timeout_seconds");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+");
    /** The SMTP hardening settings ({@link SmtpSettings}). */
    static final Set<String> SMTP_KEYS = Set.of("smtp_max_recipients", "smtp_max_line_bytes",
            "smtp_max_commands_before_data", "smtp_idle_timeout_seconds", "smtp_session_timeout_seconds",
            "smtp_max_sessions", "smtp_max_sessions_per_client", "smtp_messages_per_connection_per_minute",
            "smtp_tls_cert", "smtp_tls_key", "smtp_require_tls");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private ConfigLoader() {
    }

    /** Loads {@code file} (may be null) and overlays {@code env}. */
    public static Config load(Path file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            values.putAll(readYaml(file));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && known(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT))) {
                values.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return build(values);
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a YAML mapping of settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!known(key)) {
                java.util.TreeSet<String> all = new java.util.TreeSet<>(KEYS);
                all.addAll(SMTP_KEYS);
                throw new ConfigException("unknown setting '" + e.getKey() + "' in " + file + "; known: "
                        + String.join(", ", all));
            }
            if (!e.getValue().isNull()) {
                values.put(key, e.getValue().asText());
            }
        }
        return values;
    }

    private static Config build(Map<String, String> v) {
        String domain = v.getOrDefault("mail_domain", "mfa.localhost").trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new ConfigException("MFA_GATEWAY_MAIL_DOMAIN '" + domain + "' is not a domain name; set it to the"
                    + " domain your MX record points here, e.g. mfa.example.com");
        }
        long maxBytes = number(v, "max_message_bytes", 10L * 1024 * 1024, 1024, Integer.MAX_VALUE);
        return new Config(
                Path.of(v.getOrDefault("data_dir", "./data")),
                (int) number(v, "smtp_port", 2525, 0, 65535),
                (int) number(v, "http_port", 8080, 0, 65535),
                v.getOrDefault("bind", "127.0.0.1").trim(),
                domain,
                nonBlank(v.get("admin_token")),
                url(v.getOrDefault("public_url", "http://localhost:8080"), "public_url",
                        "set it to what outside callers use, e.g. https://mfa.example.com"),
                nonBlank(v.get("twilio_auth_token")),
                twilioAccount(v),
                nonBlank(v.get("rules_dir")).map(Path::of),
                nonBlank(v.get("secret_key")),
                v.getOrDefault("store", "mapdb").trim(),
                maxBytes,
                number(v, "journal_snapshot_bytes", 256L << 20, 16 * 1024, Long.MAX_VALUE),
                workers(v),
                duration(v, "invitation_ttl", Duration.ofHours(72), Duration.ofMinutes(1), Duration.ofDays(30)),
                relay(v, domain),
                retries(v),
                smtp(v),
                duration(v, "retention", Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(3650)),
                duration(v, "event_retention", Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(3650)),
                http(v));
    }

    private static HttpSettings http(Map<String, String> v) {
        HttpSettings d = HttpSettings.DEFAULTS;
        int overall = (int) number(v, "http_max_longpolls", d.maxLongPolls(), 1, 1_000_000);
        int perTenant = (int) number(v, "http_max_longpolls_per_tenant", Math.min(d.maxLongPollsPerTenant(), overall),
                1, 1_000_000);
        if (perTenant > overall) {
            throw new ConfigException("MFA_GATEWAY_HTTP_MAX_LONGPOLLS_PER_TENANT=" + perTenant + " is above"
                    + " MFA_GATEWAY_HTTP_MAX_LONGPOLLS=" + overall + "; lower it or raise the overall cap");
        }
        return new HttpSettings(overall, perTenant,
                Duration.ofSeconds(number(v, "http_request_timeout_seconds", d.requestTimeout().toSeconds(), 1, 3600)),
                Duration.ofSeconds(number(v, "http_idle_timeout_seconds", d.idleTimeout().toSeconds(), 1, 86_400)));
    }

    private static boolean known(String key) {
        return KEYS.contains(key) || SMTP_KEYS.contains(key);
    }

    private static SmtpSettings smtp(Map<String, String> v) {
        SmtpSettings d = SmtpSettings.DEFAULTS;
        int recipients = (int) number(v, "smtp_max_recipients", d.maxRecipients(), 1, 10_000);
        int commands = (int) number(v, "smtp_max_commands_before_data", d.maxCommandsBeforeData(), 1, 1_000_000);
        if (commands < recipients + 5) {
            // MAIL, the RCPTs and DATA of one full transaction, plus EHLO, STARTTLS, EHLO.
            throw new ConfigException("MFA_GATEWAY_SMTP_MAX_COMMANDS_BEFORE_DATA=" + commands + " is too small for "
                    + "MFA_GATEWAY_SMTP_MAX_RECIPIENTS=" + recipients + ": one full transaction needs "
                    + (recipients + 5) + " commands; raise it to at least that or lower the recipients");
        }
        long idle = number(v, "smtp_idle_timeout_seconds", d.idleTimeout().toSeconds(), 1, 3600);
        long session = number(v, "smtp_session_timeout_seconds", d.sessionTimeout().toSeconds(), 1, 86_400);
        if (session < idle) {
            throw new ConfigException("MFA_GATEWAY_SMTP_SESSION_TIMEOUT_SECONDS=" + session + " is below"
                    + " MFA_GATEWAY_SMTP_IDLE_TIMEOUT_SECONDS=" + idle + "; a whole session must be allowed at least"
                    + " one idle wait");
        }
        int sessions = (int) number(v, "smtp_max_sessions", d.maxSessions(), 1, 100_000);
        int perClient = (int) number(v, "smtp_max_sessions_per_client", Math.min(d.maxSessionsPerClient(), sessions),
                1, 100_000);
        if (perClient > sessions) {
            throw new ConfigException("MFA_GATEWAY_SMTP_MAX_SESSIONS_PER_CLIENT=" + perClient + " is above"
                    + " MFA_GATEWAY_SMTP_MAX_SESSIONS=" + sessions + "; lower it or raise the overall limit");
        }
        Optional<Path> cert = nonBlank(v.get("smtp_tls_cert")).map(Path::of);
        Optional<Path> key = nonBlank(v.get("smtp_tls_key")).map(Path::of);
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isPresent() ? "MFA_GATEWAY_SMTP_TLS_KEY" : "MFA_GATEWAY_SMTP_TLS_CERT";
            throw new ConfigException(missing + " must be set too: STARTTLS needs MFA_GATEWAY_SMTP_TLS_CERT and"
                    + " MFA_GATEWAY_SMTP_TLS_KEY together (PEM files), or neither for a self-signed certificate"
                    + " generated into the data dir");
        }
        readable(cert, "smtp_tls_cert", "the PEM certificate chain, server certificate first");
        readable(key, "smtp_tls_key", "the PEM private key of that certificate (PKCS#8, or PKCS#1 RSA / SEC1 EC)");
        return new SmtpSettings(recipients,
                (int) number(v, "smtp_max_line_bytes", d.maxLineBytes(), 998, 100L << 20),
                commands, Duration.ofSeconds(idle), Duration.ofSeconds(session), sessions, perClient,
                (int) number(v, "smtp_messages_per_connection_per_minute", d.messagesPerConnectionPerMinute(), 1,
                        1_000_000),
                cert, key, bool(v, "smtp_require_tls", d.requireTls()));
    }

    private static void readable(Optional<Path> file, String key, String what) {
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new ConfigException(PREFIX + key.toUpperCase(Locale.ROOT) + "=" + file.get() + " is not a readable"
                    + " file; point it at " + what);
        }
    }

    private static WorkerSettings workers(Map<String, String> v) {
        WorkerSettings d = WorkerSettings.DEFAULTS;
        long base = number(v, "worker_retry_base_seconds", d.retryBase().toSeconds(), 1, 86_400);
        long max = number(v, "worker_retry_max_seconds", d.retryMax().toSeconds(), 1, 7 * 86_400);
        if (max < base) {
            throw new ConfigException("MFA_GATEWAY_WORKER_RETRY_MAX_SECONDS=" + max + " is below"
                    + " MFA_GATEWAY_WORKER_RETRY_BASE_SECONDS=" + base + "; the backoff cap must be at least its start");
        }
        return new WorkerSettings(
                (int) number(v, "worker_concurrency", d.concurrency(), 1, 256),
                Duration.ofSeconds(number(v, "worker_code_wait_seconds", d.codeWait().toSeconds(), 1, 3600)),
                Duration.ofMillis(number(v, "worker_utility_interval_seconds", d.utilityInterval().toSeconds(), 0, 3600)
                        * 1000),
                Duration.ofSeconds(base),
                Duration.ofSeconds(max),
                (int) number(v, "attention_after_failures", d.attentionAfter(), 1, 100),
                duration(v, "worker_device_ttl", d.deviceTtl(), Duration.ofMinutes(1), Duration.ofDays(365)));
    }

    /**
     * The relay for code copies: on when {@code relay_host} is set. A relay login is sent only
     * under STARTTLS unless {@code relay_starttls} says otherwise, so that is the default with one.
     */
    private static Optional<Relay> relay(Map<String, String> v, String mailDomain) {
        Optional<String> host = nonBlank(v.get("relay_host"));
        Optional<String> username = nonBlank(v.get("relay_username"));
        Optional<String> password = Optional.ofNullable(v.get("relay_password")).filter(p -> !p.isEmpty());
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException(PREFIX + (username.isPresent() ? "RELAY_PASSWORD" : "RELAY_USERNAME")
                    + " must be set too: the relay login needs MFA_GATEWAY_RELAY_USERNAME and"
                    + " MFA_GATEWAY_RELAY_PASSWORD together (or neither, for a relay that needs no login)");
        }
        int port = (int) number(v, "relay_port", 25, 1, 65535);
        boolean starttls = bool(v, "relay_starttls", username.isPresent());
        String from = nonBlank(v.get("copy_from")).orElse("mfa-gateway@" + mailDomain);
        if (!ADDRESS.matcher(from).matches()) {
            throw new ConfigException(PREFIX + "COPY_FROM '" + from + "' is not a mail address; set it to the"
                    + " sender code copies come from, e.g. mfa-gateway@" + mailDomain);
        }
        if (host.isEmpty()) {
            List<String> stray = List.of("relay_port", "relay_username", "relay_starttls").stream()
                    .filter(k -> nonBlank(v.get(k)).isPresent()).map(k -> PREFIX + k.toUpperCase(Locale.ROOT)).toList();
            if (!stray.isEmpty()) {
                throw new ConfigException(String.join(" and ", stray) + " set without MFA_GATEWAY_RELAY_HOST; set the"
                        + " relay's host name to mail code copies, or unset them");
            }
            return Optional.empty();
        }
        if (!DOMAIN.matcher(host.get()).matches()) {
            throw new ConfigException(PREFIX + "RELAY_HOST '" + host.get() + "' is not a host name or address;"
                    + " set it to your outbound SMTP relay, e.g. smtp.example.com");
        }
        return Optional.of(new Relay(host.get(), port, username, password, starttls, from));
    }

    private static Retries retries(Map<String, String> v) {
        Duration first = duration(v, "webhook_retry_first", Retries.DEFAULT.first());
        Duration max = duration(v, "webhook_retry_max", Retries.DEFAULT.max());
        if (max.compareTo(first) < 0) {
            throw new ConfigException(PREFIX + "WEBHOOK_RETRY_MAX (" + max + ") is shorter than"
                    + " MFA_GATEWAY_WEBHOOK_RETRY_FIRST (" + first + "); make it at least as long");
        }
        return new Retries(first, max, duration(v, "webhook_give_up_after", Retries.DEFAULT.giveUpAfter()));
    }

    /** A duration setting longer than zero, in any of the forms {@link #parseDuration} takes. */
    private static Duration duration(Map<String, String> v, String key, Duration dflt) {
        return duration(v, key, dflt, Duration.ofNanos(1), Duration.ofDays(3650));
    }

    private static boolean bool(Map<String, String> v, String key, boolean dflt) {
        String raw = v.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(PREFIX + key.toUpperCase(Locale.ROOT) + "='" + raw
                    + "' is not true or false");
        };
    }

    /** All three of account SID, API key and secret, or none: half an account is a mistake worth stopping for. */
    private static Optional<TwilioAccount> twilioAccount(Map<String, String> v) {
        List<String> parts = List.of("twilio_account_sid", "twilio_api_key", "twilio_api_secret");
        List<String> set = parts.stream().filter(k -> nonBlank(v.get(k)).isPresent()).toList();
        Optional<URI> base = nonBlank(v.get("twilio_api_base")).map(raw -> url(raw, "twilio_api_base",
                "leave it unset for Twilio's cloud, or point it at a Twilio-compatible API, e.g. http://127.0.0.1:8089"));
        if (set.isEmpty()) {
            return Optional.empty();
        }
        if (set.size() < parts.size()) {
            List<String> missing = parts.stream().filter(k -> !set.contains(k))
                    .map(k -> PREFIX + k.toUpperCase(Locale.ROOT)).toList();
            throw new ConfigException(String.join(" and ", missing) + " must be set too: number provisioning needs "
                    + "MFA_GATEWAY_TWILIO_ACCOUNT_SID, MFA_GATEWAY_TWILIO_API_KEY and MFA_GATEWAY_TWILIO_API_SECRET "
                    + "together (or none of them to turn it off)");
        }
        return Optional.of(new TwilioAccount(v.get("twilio_account_sid").trim(), v.get("twilio_api_key").trim(),
                v.get("twilio_api_secret").trim(), base));
    }

    private static long number(Map<String, String> v, String key, long dflt, long min, long max) {
        String raw = v.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(raw.trim());
            if (n < min || n > max) {
                throw new ConfigException(PREFIX + key.toUpperCase(Locale.ROOT) + "=" + raw + " is out of range; use "
                        + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(PREFIX + key.toUpperCase(Locale.ROOT) + "='" + raw + "' is not a whole number");
        }
    }

    /** Whole seconds, or a number with {@code s}, {@code m}, {@code h} or {@code d}: {@code 72h}, {@code 30m}. */
    /**
     * One syntax for every duration setting: whole seconds ({@code 3600}), a number with
     * {@code s}, {@code m}, {@code h} or {@code d} ({@code 72h}), or ISO-8601 ({@code PT0.05S}).
     */
    private static Duration duration(Map<String, String> v, String key, Duration dflt, Duration min, Duration max) {
        String raw = v.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        String name = PREFIX + key.toUpperCase(Locale.ROOT);
        Duration d = parseDuration(raw.trim()).orElseThrow(() -> new ConfigException(name + "='" + raw
                + "' is not a duration; write whole seconds, a number with s, m, h or d (e.g. 72h), or ISO-8601"
                + " (e.g. PT24H)"));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(name + "=" + raw + " is out of range; use " + min + " to " + max);
        }
        return d;
    }

    private static Optional<Duration> parseDuration(String raw) {
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            });
        }
        try {
            return Optional.of(Duration.parse(raw.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static URI url(String raw, String key, String fix) {
        try {
            URI uri = new URI(raw.trim().replaceAll("/+$", ""));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(raw, "needs http:// or https:// and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(PREFIX + key.toUpperCase(Locale.ROOT) + " '" + raw + "' is not a usable URL ("
                    + e.getReason() + "); " + fix);
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
