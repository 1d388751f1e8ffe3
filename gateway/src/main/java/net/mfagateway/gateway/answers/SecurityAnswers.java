package net.mfagateway.gateway.answers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.Store;

/**
 * A connection's security answers: write-only, sealed before they reach the store, opened only
 * to answer one question.
 *
 * <p>The whole set (questions and answers) is one blob sealed with the connection id as
 * associated data. Questions are sealed too: they are chosen by the customer and can be
 * personal ("name of your first girlfriend"), they hint at the answers, and the set has to be
 * opened whole to match anyway, so keeping them clear would buy nothing.
 *
 * <p>Family sharing: a connection with no answers of its own may use the sets that other
 * connections of the same tenant, in the same {@link UtilityFamilies family}, marked
 * {@code shareWithFamily}. Another tenant's sets are never considered.
 */
public final class SecurityAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Answer>> LIST = new TypeReference<>() {
    };

    private final Store store;
    private final SecretBox box;
    private final Clock clock;
    private final SecurityAnswerMatcher matcher = new SecurityAnswerMatcher();
    private final AnswerSetRules rules = new AnswerSetRules(matcher);

    public SecurityAnswers(Store store, SecretBox box, Clock clock) {
        this.store = store;
        this.box = box;
        this.clock = clock;
    }

    /** Replaces the connection's set; completes once the sealed set is durable. */
    public CompletableFuture<Void> replace(Connection connection, List<Answer> answers, boolean shareWithFamily) {
        byte[] plain;
        try {
            plain = JSON.writeValueAsBytes(answers);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] sealed = box.seal(plain, connection.id());
        Arrays.fill(plain, (byte) 0);
        return store.putSecurityAnswers(new SealedAnswers(connection.id(), shareWithFamily, sealed,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * The answer to {@code question} from the connection's own set or, when it has none, from
     * the sets its family shares; empty when nothing matches well enough.
     *
     * @throws IllegalStateException when a stored set does not open (the secret key changed)
     */
    public Optional<String> match(Connection connection, String question) {
        Optional<SealedAnswers> own = store.securityAnswers(connection.id());
        List<Answer> candidates = own.isPresent() ? open(own.get()) : sharedWithFamily(connection);
        return matcher.match(question, candidates).map(Answer::answer);
    }

    /** True when {@link #match} has a set to look in: the connection's own, or one its family shares. */
    public boolean hasAnswers(Connection connection) {
        if (store.securityAnswers(connection.id()).isPresent()) {
            return true;
        }
        Optional<String> family = UtilityFamilies.of(connection.utility());
        return family.isPresent() && store.connections(connection.tenantId(), Optional.empty()).stream()
                .anyMatch(other -> !other.id().equals(connection.id()) && family.equals(UtilityFamilies.of(other.utility()))
                        && store.securityAnswers(other.id()).filter(SealedAnswers::shareWithFamily).isPresent());
    }

    /**
     * Checks a set as a person gave it, before {@link #replace}: the same rules for every way in,
     * with messages that name entries as the caller's {@code naming} does.
     */
    public Checked check(List<Answer> answers, Checked.Naming naming) {
        return rules.check(answers, naming);
    }

    /** True when two questions of one set would ask the same thing (so a match would be ambiguous). */
    public boolean sameQuestion(String a, String b) {
        return matcher.sameQuestion(a, b);
    }

    private List<Answer> sharedWithFamily(Connection connection) {
        Optional<String> family = UtilityFamilies.of(connection.utility());
        if (family.isEmpty()) {
            return List.of();
        }
        List<Answer> shared = new ArrayList<>();
        for (Connection other : store.connections(connection.tenantId(), Optional.empty())) {
            if (other.id().equals(connection.id()) || !other.tenantId().equals(connection.tenantId())
                    || !family.equals(UtilityFamilies.of(other.utility()))) {
                continue;
            }
            store.securityAnswers(other.id()).filter(SealedAnswers::shareWithFamily)
                    .ifPresent(s -> shared.addAll(open(s)));
        }
        return shared;
    }

    private List<Answer> open(SealedAnswers sealed) {
        byte[] plain;
        try {
            plain = box.open(sealed.sealed(), sealed.connectionId());
        } catch (SecretBox.Unreadable e) {
            throw new IllegalStateException("security answers of " + sealed.connectionId()
                    + " do not open: " + e.getMessage() + "; was MFA_GATEWAY_SECRET_KEY or DATA_DIR/secret-key changed?");
        }
        try {
            return JSON.readValue(plain, LIST);
        } catch (IOException e) {
            throw new IllegalStateException("security answers of " + sealed.connectionId() + " are not a list");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
