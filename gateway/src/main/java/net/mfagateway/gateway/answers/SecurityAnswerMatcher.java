package net.mfagateway.gateway.answers;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the stored security question that asks the same thing as the one a portal shows.
 *
 * <p>Precision comes first: a wrong answer typed into a portal can lock the account, while no
 * answer only hands the login to a person. So the method is a transparent, deterministic
 * comparison of content words, not a fuzzy score:
 *
 * <ol>
 *   <li>Normalise: Unicode NFKC, lower case, curly apostrophes made straight, possessives
 *       ({@code mother's}, {@code pets'}) dropped, everything but letters and digits a space.
 *   <li>Stem plurals simply ({@code pets} -> {@code pet}, {@code cities} -> {@code city}).
 *   <li>Drop stop words and question scaffolding ({@code what, is, was, the, name, your, of,
 *       in, did, you, ...}): they say how a question is asked, not what it asks.
 *   <li>Map a small synonym table onto one word ({@code born -> birth}, {@code town -> city},
 *       {@code animal -> pet}, {@code mom -> mother}, ...). {@code birthplace} becomes
 *       {@code birth city}.
 *   <li>Compare the two sets of content words. They match only when every content word of the
 *       smaller set is in the larger one and the sets' Jaccard similarity is at least
 *       {@value #MIN_SIMILARITY}; a question with no content word matches nothing.
 *   <li>The most similar stored question wins. When two stored questions tie for best with
 *       different answers, there is no match: the question is ambiguous.
 * </ol>
 *
 * <p>So "What was your first pet's name?" and "What is the name of your first pet?" both reduce
 * to {@code {first, pet}} and match, while "What was your first car?" ({@code {first, car}})
 * and "What was the name of your first school?" do not; "What city did you grow up in?"
 * ({@code {city, grow, up}}) does not match "In what city were you born?" ({@code {city, birth}}).
 * The table of paraphrases and near-misses it must get right is {@code SecurityAnswerMatcherTest}.
 * Thread-safe and stateless.
 */
public final class SecurityAnswerMatcher {

    /** The least Jaccard similarity of two content-word sets that still counts as a match. */
    static final double MIN_SIMILARITY = 0.6;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "as", "and", "or",
            "what", "which", "who", "whom", "whose", "where", "when", "why", "how",
            "is", "was", "were", "are", "be", "been", "being", "am", "did", "do", "does", "had", "has", "have",
            "you", "your", "yours", "yourself", "u", "ur", "my", "me", "i", "it", "its", "this", "that",
            "name", "called", "please", "enter", "provide", "type", "answer", "question", "security",
            "s", "d", "there");

    private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
            Map.entry("born", List.of("birth")),
            Map.entry("birthplace", List.of("birth", "city")),
            Map.entry("town", List.of("city")),
            Map.entry("animal", List.of("pet")),
            Map.entry("mom", List.of("mother")),
            Map.entry("mum", List.of("mother")),
            Map.entry("mommy", List.of("mother")),
            Map.entry("mama", List.of("mother")),
            Map.entry("dad", List.of("father")),
            Map.entry("daddy", List.of("father")),
            Map.entry("papa", List.of("father")),
            Map.entry("grew", List.of("grow")),
            Map.entry("favourite", List.of("favorite")),
            Map.entry("fave", List.of("favorite")),
            Map.entry("primary", List.of("elementary")),
            Map.entry("vehicle", List.of("car")),
            Map.entry("automobile", List.of("car")),
            Map.entry("married", List.of("marry")),
            Map.entry("wed", List.of("marry")));

    /** The best stored answer for {@code asked}, or empty when none matches well enough. */
    public Optional<Answer> match(String asked, List<Answer> stored) {
        Set<String> want = contentWords(asked);
        if (want.isEmpty()) {
            return Optional.empty();
        }
        double best = 0;
        List<Answer> winners = new ArrayList<>();
        for (Answer candidate : stored) {
            double score = similarity(want, contentWords(candidate.question()));
            if (score < MIN_SIMILARITY) {
                continue;
            }
            if (score > best) {
                best = score;
                winners.clear();
            }
            if (score == best) {
                winners.add(candidate);
            }
        }
        if (winners.isEmpty()) {
            return Optional.empty();
        }
        String answer = winners.get(0).answer();
        boolean agree = winners.stream().allMatch(w -> w.answer().strip().equalsIgnoreCase(answer.strip()));
        return agree ? Optional.of(winners.get(0)) : Optional.empty();
    }

    /** True when the two questions ask the same thing, by the rule above. */
    public boolean sameQuestion(String a, String b) {
        Set<String> x = contentWords(a);
        return !x.isEmpty() && similarity(x, contentWords(b)) >= MIN_SIMILARITY;
    }

    /**
     * Similarity of two content-word sets: their Jaccard index when the smaller is wholly in the
     * larger, else 0 (a content word the other side lacks means a different question).
     */
    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        if (!large.containsAll(small)) {
            return 0;
        }
        return (double) small.size() / large.size();
    }

    /** The question's content words after normalising, stemming, dropping stop words, synonyms. */
    static Set<String> contentWords(String question) {
        String s = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        s = s.replaceAll("'s\\b", " ").replaceAll("s'(?=\\s|$|\\p{Punct})", "s ");
        s = s.replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
        Set<String> words = new TreeSet<>();
        if (s.isEmpty()) {
            return words;
        }
        for (String raw : s.split(" ")) {
            String w = stem(raw);
            if (STOP_WORDS.contains(raw) || STOP_WORDS.contains(w)) {
                continue;
            }
            words.addAll(SYNONYMS.getOrDefault(w, List.of(w)));
        }
        return new HashSet<>(words);
    }

    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
