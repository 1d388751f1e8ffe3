package net.mfagateway.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.rules.internal.ProfileFiles;
import net.mfagateway.rules.internal.RuleSources;

/**
 * The utility profiles: per-utility advice on MFA set-up, read from the profile files shipped
 * beside the rule files, optionally with an operator's {@code DIR/profiles/*.yaml} layered over
 * them. Always holds a {@code generic} profile. Immutable and thread-safe.
 */
public final class UtilityProfiles {

    private final Map<String, UtilityProfile> byId;
    private final List<UtilityProfile> all;

    private UtilityProfiles(Map<String, UtilityProfile> byId) {
        this.byId = Map.copyOf(byId);
        this.all = byId.values().stream().sorted(Comparator.comparing(UtilityProfile::id)).toList();
    }

    /** The profiles shipped in this module. */
    public static UtilityProfiles builtIn() {
        try {
            return load(null);
        } catch (InvalidRulesException e) {
            throw new IllegalStateException("built-in profile files are invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("built-in profile files unreadable", e);
        }
    }

    /**
     * The built-in profiles with the *.yaml files of {@code rulesDir/profiles/} layered over them:
     * a file whose id matches a built-in one replaces it. Null {@code rulesDir}, or one without a
     * {@code profiles/} folder, means built-in only.
     *
     * @throws InvalidRulesException when any profile file has a problem
     * @throws IOException when the folder cannot be read
     */
    public static UtilityProfiles load(Path rulesDir) throws InvalidRulesException, IOException {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, UtilityProfile> byId = ProfileFiles.read(RuleSources.profileLayers(rulesDir), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return new UtilityProfiles(byId);
    }

    /** The profile with this id, if there is one. */
    public Optional<UtilityProfile> profile(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Every profile, generic included, sorted by id. */
    public List<UtilityProfile> all() {
        return all;
    }

    /** The profile of {@code id}, or the generic one when {@code id} is null or has none. */
    public UtilityProfile forUtility(String id) {
        return profile(id).orElseGet(() -> byId.get(ProfileFiles.GENERIC));
    }
}
