package net.mfagateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtilityProfilesTest {

    private static final UtilityProfiles BUILT_IN = UtilityProfiles.builtIn();

    private static UtilityProfile profile(String id) {
        return BUILT_IN.profile(id).orElseThrow(() -> new AssertionError("no profile " + id));
    }

    private static List<String> ladder(String id) {
        return profile(id).ladder().stream().map(SetupStep::method).toList();
    }

    @Test
    void everyBuiltInProfileLoadsSortedByIdWithGenericAmongThem() {
        List<String> ids = BUILT_IN.all().stream().map(UtilityProfile::id).toList();
        assertThat(ids).hasSize(29).isSorted().contains("generic", "coned", "washington-gas");
    }

    @Test
    void everyUtilityWithARuleFileHasAProfileOfTheSameName() {
        for (String id : RuleEngine.builtIn().utilities()) {
            assertThat(BUILT_IN.profile(id)).as(id).isPresent();
        }
        assertThat(profile("oru").name()).isEqualTo("Orange & Rockland");
        assertThat(profile("pseg-nj").name()).isEqualTo("PSE&G");
    }

    @Test
    void genericLadderIsTheGeneralOrderBestFirst() {
        assertThat(ladder("generic")).containsExactly("upload_bills", "disable_mfa", "security_questions",
                "managed_forwarding", "customer_inbox_forwarding", "sms_relay");
    }

    @Test
    void pgeIsSetUpAsAnAuthorizedUserAndRefusesEmailForwarding() {
        assertThat(ladder("pge")).containsExactly("authorized_user");
        assertThat(profile("pge").unsupported()).extracting(Unsupported::method)
                .containsExactlyInAnyOrder("customer_inbox_forwarding", "managed_forwarding");
        assertThat(profile("pge").unsupported()).allSatisfy(u -> assertThat(u.reason()).contains("authorized user"));
    }

    @Test
    void enbridgeNotesSayAnAuthenticatorIsMandatorySinceDecember2022() {
        UtilityProfile enbridge = profile("enbridge");
        assertThat(enbridge.mfa()).contains("authenticator");
        assertThat(enbridge.notes()).anySatisfy(n -> assertThat(n).contains("authenticator").contains("December 2022"));
        assertThat(ladder("enbridge")).containsExactly("upload_bills", "managed_forwarding", "customer_inbox_forwarding");
        assertThat(enbridge.unsupported()).extracting(Unsupported::method).containsExactly("disable_mfa");
    }

    @Test
    void conedAndOruAreSetUpWithSecurityQuestions() {
        assertThat(profile("coned").mfa()).containsExactly("security_questions");
        assertThat(ladder("coned")).containsExactly("security_questions");
        assertThat(ladder("oru")).containsExactly("security_questions");
    }

    @Test
    void exelonUtilitiesAskForNoCodeSoThereIsNothingToSetUp() {
        for (String id : List.of("peco", "pepco", "bge", "delmarva", "ace")) {
            assertThat(profile(id).mfa()).as(id).containsExactly("oauth");
            assertThat(profile(id).ladder()).as(id).isEmpty();
        }
        assertThat(profile("pseg-nj").mfa()).containsExactly("captcha");
        assertThat(profile("pseg-nj").ladder()).isEmpty();
    }

    @Test
    void eachUtilityGroupGetsTheLadderItsFactsGive() {
        for (String id : List.of("duke", "eweb", "hrsd", "elizabethtown-gas", "kitchener")) {
            assertThat(ladder(id)).as(id).containsExactly("disable_mfa", "managed_forwarding",
                    "customer_inbox_forwarding");
        }
        for (String id : List.of("washington-gas", "southwest-gas", "sdge")) {
            assertThat(ladder(id)).as(id).containsExactly("managed_forwarding", "customer_inbox_forwarding");
        }
        for (String id : List.of("ameren", "comed", "eversource", "heco", "nve", "sce", "socalgas", "tep", "xcel",
                "potomac-edison")) {
            assertThat(ladder(id)).as(id).containsExactly("disable_mfa");
        }
        assertThat(profile("potomac-edison").ladder().get(0).title()).contains("two-step verification");
        assertThat(profile("washington-gas").notes()).anySatisfy(n -> assertThat(n).contains("new location"));
    }

    @Test
    void everyCustomerInboxForwardingSetUpWarnsThatMicrosoft365AndGoogleWorkspaceBlockIt() {
        List<SetupStep> forwarding = BUILT_IN.all().stream().flatMap(p -> p.ladder().stream())
                .filter(s -> s.method().equals("customer_inbox_forwarding")).toList();
        assertThat(forwarding).hasSizeGreaterThan(5).allSatisfy(s -> assertThat(s.steps())
                .anySatisfy(step -> assertThat(step).contains("Microsoft 365").contains("Google Workspace")));
    }

    @Test
    void stepsSayWhereTheConnectionsAddressAndNumberGo() {
        SetupStep managed = profile("generic").ladder().get(3);
        assertThat(managed.steps().get(0)).endsWith("set the email address that receives verification codes to {email}.");
        SetupStep sms = profile("generic").ladder().get(5);
        assertThat(sms.steps().get(0)).endsWith("to {phone}.");
    }

    @Test
    void anUnknownUtilityGetsTheGenericProfile() {
        assertThat(BUILT_IN.profile("tacoma")).isEmpty();
        assertThat(BUILT_IN.forUtility("tacoma").id()).isEqualTo("generic");
        assertThat(BUILT_IN.forUtility(null).id()).isEqualTo("generic");
        assertThat(BUILT_IN.forUtility("pge").id()).isEqualTo("pge");
    }

    @Test
    void aDirectorysProfilesReplaceAndAddToTheBuiltInOnes(@TempDir Path dir) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("coned.yaml"), """
                id: coned
                name: Con Edison
                mfa: [email]
                ladder:
                  - {method: managed_forwarding, title: Forward the codes, steps: ["Set the code address to {email}."]}
                """);
        Files.writeString(profiles.resolve("tacoma.yaml"), """
                id: tacoma
                name: Tacoma Public Utilities
                mfa: [sms]
                ladder: []
                notes: [No MFA seen yet.]
                """);
        UtilityProfiles loaded = UtilityProfiles.load(dir);
        assertThat(loaded.all()).hasSize(30);
        assertThat(loaded.forUtility("coned").mfa()).containsExactly("email");
        assertThat(loaded.forUtility("coned").ladder().get(0).steps()).containsExactly("Set the code address to {email}.");
        assertThat(loaded.forUtility("tacoma").notes()).containsExactly("No MFA seen yet.");
    }

    @Test
    void aDirectoryWithoutProfilesGivesTheBuiltInOnes(@TempDir Path dir) throws Exception {
        assertThat(UtilityProfiles.load(dir).all()).hasSize(29);
    }

    @Test
    void aBadProfileIsRefusedWithFileLineAndWhatIsWrong(@TempDir Path dir) throws IOException {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("acme.yaml"), """
                id: acme-power
                mfa: [email, carrier_pigeon]
                ladder:
                  - method: fax_relay
                    title: Fax the code
                    steps: ["Fax it to {fax}."]
                  - method: sms_relay
                    title: Text it
                    steps: ["Set the number to {phone}."]
                unsupported:
                  - {method: sms_relay, reason: texts do not arrive}
                """);
        assertThatThrownBy(() -> UtilityProfiles.load(dir)).isInstanceOfSatisfying(InvalidRulesException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::toString).containsExactlyInAnyOrder(
                        "profiles/acme.yaml:1: id 'acme-power' does not match the file name; name the file acme-power.yaml",
                        "profiles/acme.yaml:1: missing field 'name'",
                        "profiles/acme.yaml:2: mfa method 'carrier_pigeon' is not one of " + UtilityProfile.MFA_METHODS,
                        "profiles/acme.yaml:4: set-up method 'fax_relay' is not one of " + SetupStep.METHODS,
                        "profiles/acme.yaml:6: unknown placeholder {fax}; steps may say {email} and {phone}",
                        "profiles/acme.yaml:11: 'sms_relay' is both in the ladder and unsupported; keep one"));
    }

    @Test
    void twoFilesWithOneIdInADirectoryAreRefused(@TempDir Path dir) throws IOException {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        String acme = "id: acme\nname: Acme\nmfa: [none]\nladder: []\n";
        Files.writeString(profiles.resolve("acme.yaml"), acme);
        Files.writeString(profiles.resolve("acme.yml"), acme);
        assertThatThrownBy(() -> UtilityProfiles.load(dir)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("profiles/acme.yml:1: id 'acme' is declared by another file in the same directory");
    }

    @Test
    void rulesCheckReportsAUtilityRuleFileWithoutAProfile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), """
                id: acme
                type: utility
                name: Acme Power
                senders: [{address: noreply@acme.example, verified: false}]
                related_domains: [acme.example]
                """);
        RuleCheck.Report report = RuleCheck.check(dir);
        assertThat(report.problems()).extracting(RuleProblem::toString).containsExactly(
                "profiles/acme.yaml: utility 'acme' has a rule file but no profile; add profiles/acme.yaml beside the rule files");
        assertThat(report.profileFiles()).isEqualTo(29);
    }

    @Test
    void rulesCheckPassesTheBuiltInRulesAndProfiles() {
        RuleCheck.Report report = RuleCheck.check(null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.profileFiles()).isEqualTo(29);
    }

    @Test
    void recordsKeepTheirOwnCopiesAndRefuseUnknownMethods() {
        List<String> steps = new ArrayList<>(List.of("Upload the bill."));
        SetupStep step = new SetupStep("upload_bills", "Upload bills", steps);
        steps.add("Something else.");
        assertThat(step.steps()).containsExactly("Upload the bill.");
        assertThatThrownBy(() -> new SetupStep("fax_relay", "Fax", List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fax_relay'");
        assertThatThrownBy(() -> new UtilityProfile("x", "X", List.of("telepathy"), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'telepathy'");
    }
}
