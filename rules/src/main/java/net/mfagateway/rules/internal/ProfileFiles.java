package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.rules.RuleProblem;
import net.mfagateway.rules.SetupStep;
import net.mfagateway.rules.Unsupported;
import net.mfagateway.rules.UtilityProfile;

/**
 * Reads profile files (name to YAML text) into profiles by id. Layers: a later layer's file
 * replaces an earlier one with the same id. Every problem is collected with file and line; a
 * file with any problem gives no profile.
 */
public final class ProfileFiles {

    public static final String GENERIC = "generic";

    private static final Set<String> KEYS = Set.of("id", "name", "mfa", "ladder", "unsupported", "notes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("email", "phone");

    private ProfileFiles() {
    }

    /** Reads the layers, lowest first; problems go to {@code problems}. */
    public static Map<String, UtilityProfile> read(List<Map<String, String>> layers, List<RuleProblem> problems) {
        Map<String, UtilityProfile> byId = new TreeMap<>();
        for (Map<String, String> layer : layers) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> file : layer.entrySet()) {
                YamlDocument.read(file.getKey(), file.getValue(), problems)
                        .flatMap(doc -> profile(doc, seen, problems))
                        .ifPresent(p -> byId.put(p.id(), p));
            }
        }
        if (!byId.containsKey(GENERIC)) {
            problems.add(new RuleProblem(RuleSources.PROFILES + "/" + GENERIC + ".yaml", 0,
                    "no usable profile with id 'generic': it answers for every utility without a profile"));
        }
        return byId;
    }

    /** A utility with a rule file but no profile would get generic advice silently: a problem for {@code rules check}. */
    public static void requireProfiles(Set<String> utilities, Map<String, UtilityProfile> profiles,
            List<RuleProblem> problems) {
        for (String id : new TreeSet<>(utilities)) {
            if (!profiles.containsKey(id)) {
                problems.add(new RuleProblem(RuleSources.PROFILES + "/" + id + ".yaml", 0, "utility '" + id
                        + "' has a rule file but no profile; add profiles/" + id + ".yaml beside the rule files"));
            }
        }
    }

    private static Optional<UtilityProfile> profile(YamlDocument doc, Set<String> seen, List<RuleProblem> problems) {
        int before = problems.size();
        Fields f = new Fields(doc, doc.root(), "", problems);
        f.onlyKeys(KEYS);
        String id = id(f, doc.file(), seen);
        String name = nonBlank(f, "name");
        List<String> mfa = mfa(f);
        List<SetupStep> ladder = ladder(f);
        List<Unsupported> unsupported = unsupported(f, ladder);
        List<String> notes = f.texts("notes", false);
        if (problems.size() > before || id == null || name == null) {
            return Optional.empty();
        }
        return Optional.of(new UtilityProfile(id, name, mfa, ladder, unsupported, notes));
    }

    private static String id(Fields f, String file, Set<String> seen) {
        String id = f.text("id", true);
        if (id == null) {
            return null;
        }
        String base = file.substring(file.lastIndexOf('/') + 1);
        String stem = base.substring(0, base.lastIndexOf('.') < 0 ? base.length() : base.lastIndexOf('.'));
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            f.problem("id", "id '" + id + "' must be lower-case letters, digits and hyphens");
        } else if (!id.equals(stem)) {
            // The file name is how an operator finds the profile to edit, and how a layer replaces one.
            f.problem("id", "id '" + id + "' does not match the file name; name the file " + id + ".yaml");
        }
        if (!seen.add(id)) {
            f.problem("id", "id '" + id + "' is declared by another file in the same directory");
        }
        return id;
    }

    private static List<String> mfa(Fields f) {
        List<String> mfa = f.texts("mfa", true);
        if (f.has("mfa") && mfa.isEmpty()) {
            f.problem("mfa", "'mfa' needs at least one of " + UtilityProfile.MFA_METHODS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < mfa.size(); i++) {
            String m = mfa.get(i);
            if (!UtilityProfile.MFA_METHODS.contains(m)) {
                f.problem("mfa/" + i, "mfa method '" + m + "' is not one of " + UtilityProfile.MFA_METHODS);
            } else if (!seen.add(m)) {
                f.problem("mfa/" + i, "mfa method '" + m + "' is listed twice");
            }
        }
        return mfa;
    }

    private static List<SetupStep> ladder(Fields f) {
        if (!f.has("ladder")) {
            f.problem(null, "missing field 'ladder' (write 'ladder: []' when there is nothing to set up)");
        }
        List<SetupStep> ladder = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Fields s : f.objects("ladder")) {
            s.onlyKeys(Set.of("method", "title", "steps"));
            String method = method(s, seen, "the ladder");
            String title = nonBlank(s, "title");
            placeholders(s, "title", title);
            List<String> steps = s.texts("steps", true);
            if (s.has("steps") && steps.isEmpty()) {
                s.problem("steps", "'steps' needs at least one step");
            }
            for (int i = 0; i < steps.size(); i++) {
                placeholders(s, "steps/" + i, steps.get(i));
            }
            if (method != null && title != null && !steps.isEmpty()) {
                ladder.add(new SetupStep(method, title, steps));
            }
        }
        return ladder;
    }

    private static List<Unsupported> unsupported(Fields f, List<SetupStep> ladder) {
        List<Unsupported> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Fields u : f.objects("unsupported")) {
            u.onlyKeys(Set.of("method", "reason"));
            String method = method(u, seen, "'unsupported'");
            String reason = nonBlank(u, "reason");
            if (method != null && ladder.stream().anyMatch(s -> s.method().equals(method))) {
                u.problem("method", "'" + method + "' is both in the ladder and unsupported; keep one");
            }
            if (method != null && reason != null) {
                out.add(new Unsupported(method, reason));
            }
        }
        return out;
    }

    private static String method(Fields f, Set<String> seen, String where) {
        String method = f.text("method", true);
        if (method == null) {
            return null;
        }
        if (!SetupStep.METHODS.contains(method)) {
            f.problem("method", "set-up method '" + method + "' is not one of " + SetupStep.METHODS);
            return null;
        }
        if (!seen.add(method)) {
            f.problem("method", "set-up method '" + method + "' appears twice in " + where);
        }
        return method;
    }

    private static String nonBlank(Fields f, String key) {
        String value = f.text(key, true);
        if (value != null && value.isBlank()) {
            f.problem(key, "'" + key + "' must not be blank");
            return null;
        }
        return value;
    }

    private static void placeholders(Fields f, String key, String text) {
        if (text == null) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                f.problem(key, "unknown placeholder {" + m.group(1) + "}; steps may say {email} and {phone}");
            }
        }
    }
}
