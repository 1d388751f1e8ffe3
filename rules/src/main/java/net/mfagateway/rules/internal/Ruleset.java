package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every compiled rule: the generic file, provider rules and one entry per utility id. Immutable. */
public record Ruleset(GenericRules generic, List<ProviderRule> providers, Map<String, UtilityRules> utilities) {

    public Ruleset {
        providers = List.copyOf(providers);
        utilities = Map.copyOf(new TreeMap<>(utilities));
    }

    public Optional<UtilityRules> utility(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(utilities.get(id));
    }

    /** Every embedded example, generic first. */
    public List<Example> examples() {
        List<Example> all = new ArrayList<>(generic.examples());
        providers.forEach(p -> all.addAll(p.examples()));
        new TreeMap<>(utilities).values().forEach(u -> all.addAll(u.examples()));
        return all;
    }
}
