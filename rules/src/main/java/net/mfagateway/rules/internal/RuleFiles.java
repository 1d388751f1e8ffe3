package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.mfagateway.rules.RuleProblem;

/**
 * Reads rule files (name to YAML text) into a {@link Ruleset}. Layers: a later layer's file
 * replaces an earlier one with the same id. Every problem is collected, none stops the reading.
 */
public final class RuleFiles {

    private static final Set<String> GENERIC_KEYS = Set.of("id", "type", "code", "code_words", "anchors",
            "line_anchor", "not_code_words", "not_code_context", "not_code_token", "person_words", "vetoes",
            "person", "links", "sms", "examples");
    private static final Set<String> UTILITY_KEYS = Set.of("id", "type", "name", "senders", "sms_senders",
            "related_domains", "name_tokens", "code", "anchors", "vetoes", "links", "examples");
    private static final Set<String> PROVIDER_KEYS = Set.of("id", "type", "kind", "scope", "senders", "require",
            "code", "link", "detail", "examples");
    private static final Set<String> EXAMPLE_KEYS = Set.of("name", "channel", "from", "subject", "text", "outer",
            "utility", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("kind", "code", "link", "senderStatus");
    private static final Set<String> KINDS = Set.of("code", "link", "forwarding_confirmation", "forwarding_blocked",
            "none");

    private RuleFiles() {
    }

    /** Reads the layers, lowest first; problems go to {@code problems}; empty when generic is unusable. */
    public static Optional<Ruleset> read(List<Map<String, String>> layers, List<RuleProblem> problems) {
        Map<String, YamlDocument> byId = new LinkedHashMap<>();
        for (Map<String, String> layer : layers) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> file : layer.entrySet()) {
                Optional<YamlDocument> doc = YamlDocument.read(file.getKey(), file.getValue(), problems);
                if (doc.isEmpty()) {
                    continue;
                }
                Fields top = new Fields(doc.get(), doc.get().root(), "", problems);
                String id = top.text("id", true);
                if (id == null) {
                    continue;
                }
                if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                    top.problem("id", "id '" + id + "' must be lower-case letters, digits and hyphens");
                }
                if (!seen.add(id)) {
                    top.problem("id", "id '" + id + "' is declared by another file in the same directory");
                }
                byId.put(id, doc.get());
            }
        }
        YamlDocument genericDoc = byId.remove("generic");
        if (genericDoc == null) {
            problems.add(new RuleProblem("generic.yaml", 0, "no file with id 'generic'"));
            return Optional.empty();
        }
        int before = problems.size();
        GenericRules generic = generic(genericDoc, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<ProviderRule> providers = new ArrayList<>();
        Map<String, UtilityRules> utilities = new LinkedHashMap<>();
        for (YamlDocument doc : byId.values()) {
            Fields f = new Fields(doc, doc.root(), "", problems);
            String type = f.text("type", true);
            if ("provider".equals(type)) {
                provider(f, generic, problems).ifPresent(providers::add);
            } else if ("utility".equals(type)) {
                utility(f, generic, problems).ifPresent(u -> utilities.put(u.id(), u));
            } else if (type != null) {
                f.problem("type", "type '" + type + "' must be utility or provider (only id 'generic' is generic)");
            }
        }
        providers.sort(Comparator.comparing(ProviderRule::id));
        return Optional.of(new Ruleset(generic, providers, utilities));
    }

    private static GenericRules generic(YamlDocument doc, List<RuleProblem> problems) {
        Fields f = new Fields(doc, doc.root(), "", problems);
        f.onlyKeys(GENERIC_KEYS);
        Shape shape = shape(f.object("code", false), Shape.ANY);
        List<String> words = f.texts("code_words", true);
        String alternation = words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> Pattern.quote(w).replace(" ", "\\E\\s+\\Q"))
                .reduce((a, b) -> a + "|" + b).orElse("code");
        List<Pattern> anchors = anchors(f, alternation);
        Pattern lineAnchor = placeholders(f, "line_anchor", f.text("line_anchor", true), alternation, false);
        Fields person = f.object("person", false);
        Set<String> freeMail = new HashSet<>();
        if (person != null) {
            person.onlyKeys(Set.of("free_mail_domains"));
            person.texts("free_mail_domains", false).forEach(d -> freeMail.add(d.toLowerCase(Locale.ROOT)));
        }
        Fields links = f.object("links", true);
        Fields sms = f.object("sms", true);
        if (links != null) {
            links.onlyKeys(Set.of("url", "decoys", "context"));
        }
        if (sms != null) {
            sms.onlyKeys(Set.of("retriever_prefix", "retriever_hash", "origin_bound"));
        }
        Pattern originBound = sms == null ? null : sms.regex("origin_bound", true);
        if (originBound != null && !originBound.pattern().contains("(?<code>")) {
            sms.problem("origin_bound", "origin_bound needs a named group (?<code>...)");
        }
        return new GenericRules(shape, alternation, anchors, lineAnchor,
                f.regex("not_code_words", true), f.regex("not_code_context", true), f.regex("not_code_token", true),
                f.regex("person_words", true), vetoes(f), freeMail,
                links == null ? null : links.regex("url", true),
                links == null ? null : links.regex("decoys", true),
                links == null ? null : links.regex("context", true),
                sms == null ? null : sms.regex("retriever_prefix", true),
                sms == null ? null : sms.regex("retriever_hash", true),
                originBound, examples(f, null));
    }

    private static Optional<ProviderRule> provider(Fields f, GenericRules generic, List<RuleProblem> problems) {
        f.onlyKeys(PROVIDER_KEYS);
        String id = f.text("id", true);
        String kind = f.text("kind", true);
        ProviderRule.Kind k = null;
        if ("forwarding_confirmation".equals(kind)) {
            k = ProviderRule.Kind.FORWARDING_CONFIRMATION;
        } else if ("forwarding_blocked".equals(kind)) {
            k = ProviderRule.Kind.FORWARDING_BLOCKED;
        } else if (kind != null) {
            f.problem("kind", "kind '" + kind + "' must be forwarding_confirmation or forwarding_blocked");
        }
        String scope = f.text("scope", false);
        if (scope != null && !scope.equals("text") && !scope.equals("outer_and_text")) {
            f.problem("scope", "scope '" + scope + "' must be text or outer_and_text");
        }
        List<Pattern> require = new ArrayList<>();
        List<String> sources = f.texts("require", true);
        for (int i = 0; i < sources.size(); i++) {
            Pattern p = f.regex("require/" + i, sources.get(i), Fields.FLAGS);
            if (p != null) {
                require.add(p);
            }
        }
        Pattern code = f.regex("code", false);
        if (code != null && !code.pattern().contains("(?<code>")) {
            f.problem("code", "code pattern needs a named group (?<code>...)");
        }
        Set<String> senders = new HashSet<>();
        f.texts("senders", false).forEach(s -> senders.add(s.toLowerCase(Locale.ROOT)));
        List<Example> examples = examples(f, null);
        if (id == null || k == null || require.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProviderRule(id, k, "outer_and_text".equals(scope), senders, require, code,
                f.regex("link", false), f.regex("detail", false), examples));
    }

    private static Optional<UtilityRules> utility(Fields f, GenericRules generic, List<RuleProblem> problems) {
        f.onlyKeys(UTILITY_KEYS);
        String id = f.text("id", true);
        String name = f.text("name", true);
        List<Sender> senders = new ArrayList<>();
        for (Fields s : f.objects("senders")) {
            s.onlyKeys(Set.of("address", "domain", "verified"));
            String address = s.text("address", false);
            String domain = s.text("domain", false);
            if ((address == null) == (domain == null)) {
                s.problem(null, "a sender needs exactly one of 'address' or 'domain'");
                continue;
            }
            if (!s.has("verified")) {
                s.problem(null, "missing field 'verified' (true only for addresses seen in real mail)");
            }
            String value = address != null ? address.toLowerCase(Locale.ROOT) : "@" + domain.toLowerCase(Locale.ROOT);
            if (address != null && !address.contains("@")) {
                s.problem("address", "address '" + address + "' has no @");
            }
            senders.add(new Sender(value, s.bool("verified", false)));
        }
        if (senders.isEmpty()) {
            f.problem(null, "missing field 'senders' (at least one)");
        }
        List<String> related = lower(f.texts("related_domains", true));
        List<String> tokens = lower(f.texts("name_tokens", false));
        if (tokens.isEmpty()) {
            related.forEach(d -> tokens.add(d.substring(0, d.indexOf('.') < 0 ? d.length() : d.indexOf('.'))));
        }
        Shape shape = shape(f.object("code", false), generic.shape());
        List<String> linkHosts = new ArrayList<>();
        Fields links = f.object("links", false);
        if (links != null) {
            links.onlyKeys(Set.of("hosts"));
            linkHosts.addAll(lower(links.texts("hosts", false)));
        }
        UtilityRules rules = new UtilityRules(id == null ? "?" : id, name == null ? "?" : name, senders,
                Set.copyOf(f.texts("sms_senders", false)), related, tokens, shape,
                anchors(f, generic.wordAlternation()), vetoes(f), linkHosts, examples(f, id));
        return id == null || name == null || senders.isEmpty() ? Optional.empty() : Optional.of(rules);
    }

    private static List<String> lower(List<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static Shape shape(Fields code, Shape fallback) {
        if (code == null) {
            return fallback;
        }
        code.onlyKeys(Set.of("length", "charset"));
        int min = fallback.min();
        int max = fallback.max();
        String length = code.text("length", false);
        if (length != null) {
            var m = Pattern.compile("(\\d{1,2})(?:\\s*-\\s*(\\d{1,2}))?").matcher(length.strip());
            if (m.matches()) {
                min = Integer.parseInt(m.group(1));
                max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
            } else {
                code.problem("length", "length '" + length + "' must be N or MIN-MAX, e.g. 4-8");
            }
        }
        String charset = code.text("charset", false);
        boolean alnum = fallback.alphanumeric();
        if (charset != null) {
            if (!charset.equals("digits") && !charset.equals("alphanumeric")) {
                code.problem("charset", "charset '" + charset + "' must be digits or alphanumeric");
            }
            alnum = charset.equals("alphanumeric");
        }
        if (min < 4 || max > 8 || max < min) {
            code.problem("length", "code length must lie within 4-8, got " + min + "-" + max);
            return fallback;
        }
        return new Shape(min, max, alnum);
    }

    private static List<Pattern> anchors(Fields f, String alternation) {
        List<Pattern> out = new ArrayList<>();
        List<String> sources = f.texts("anchors", false);
        for (int i = 0; i < sources.size(); i++) {
            Pattern p = placeholders(f, "anchors/" + i, sources.get(i), alternation, true);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static Pattern placeholders(Fields f, String key, String source, String alternation, boolean needsCode) {
        if (source == null) {
            return null;
        }
        if (needsCode && !source.contains("{code}")) {
            f.problem(key, "anchor must contain {code} where the code stands");
            return null;
        }
        String expanded = source.replace("{code}", CodeToken.REGEX)
                .replace("{word}", "(?<word>" + alternation + ")");
        return f.regex(key, expanded, Fields.FLAGS);
    }

    private static List<Veto> vetoes(Fields f) {
        List<Veto> out = new ArrayList<>();
        for (Fields v : f.objects("vetoes")) {
            v.onlyKeys(Set.of("id", "in", "reason", "pattern"));
            String id = v.text("id", true);
            String reason = v.text("reason", true);
            String in = v.text("in", false);
            Veto.Scope scope = Veto.Scope.MESSAGE;
            if ("subject".equals(in)) {
                scope = Veto.Scope.SUBJECT;
            } else if ("outer".equals(in)) {
                scope = Veto.Scope.OUTER;
            } else if (in != null && !in.equals("message")) {
                v.problem("in", "in '" + in + "' must be message, subject or outer");
            }
            String source = v.text("pattern", true);
            // Vetoes run once over the joined lines: ^ and $ mean a line's start and end.
            Pattern p = source == null ? null : v.regex("pattern", source, Fields.FLAGS | Pattern.MULTILINE);
            if (id != null && reason != null && p != null) {
                out.add(new Veto(id, scope, reason, p));
            }
        }
        return out;
    }

    private static List<Example> examples(Fields f, String utility) {
        List<Example> out = new ArrayList<>();
        String file = null;
        for (Fields e : f.objects("examples")) {
            e.onlyKeys(EXAMPLE_KEYS);
            String name = e.text("name", true);
            String channel = e.text("channel", false);
            if (channel != null && !channel.equals("email") && !channel.equals("sms")) {
                e.problem("channel", "channel '" + channel + "' must be email or sms");
            }
            String text = e.text("text", true);
            Fields expect = e.object("expect", true);
            if (name == null || text == null || expect == null) {
                continue;
            }
            expect.onlyKeys(EXPECT_KEYS);
            Map<String, String> values = expect.strings();
            String kind = values.get("kind");
            if (kind == null || !KINDS.contains(kind)) {
                expect.problem(kind == null ? null : "kind", "expect.kind must be one of " + KINDS);
                continue;
            }
            if (file == null) {
                file = f.problemFile();
            }
            String exampleUtility = e.has("utility") ? e.text("utility", false) : utility;
            out.add(new Example(file, e.line(), name, "sms".equals(channel), nz(e.text("from", false)),
                    nz(e.text("subject", false)), text, nz(e.text("outer", false)), exampleUtility, values));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
