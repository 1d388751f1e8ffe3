package net.mfagateway.gateway.api;

import java.util.ArrayList;
import java.util.List;
import net.mfagateway.rules.UtilityProfile;
import net.mfagateway.rules.UtilityProfiles;

/**
 * The hosted page's advice from the utility profiles: the profile's ladder, best first, as the
 * ways to set up, and its notes plus what the utility does not support. An unknown utility gets
 * the generic profile.
 */
public final class ProfileSetupAdvice implements SetupAdvice {

    private final UtilityProfiles profiles;

    public ProfileSetupAdvice(UtilityProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Advice forUtility(String utilityId) {
        UtilityProfile p = profiles.forUtility(utilityId);
        List<Option> options = p.ladder().stream().map(s -> new Option(s.title(), s.steps())).toList();
        List<String> notes = new ArrayList<>(p.notes());
        p.unsupported().forEach(u -> notes.add("Not possible with this utility: " + u.reason()));
        return new Advice(p.name(), options, notes);
    }
}
