package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.rules.Extraction;
import net.mfagateway.rules.SenderHistory;
import net.mfagateway.rules.SenderStatus;

/**
 * The decision for one message, in order: provider rules (forwarding blocked or confirmed), then
 * message-level vetoes, then anchored code candidates (exactly one distinct code, or none), then
 * a verification link, then the sender check. Stateless; safe to share between threads.
 */
public final class Evaluator {

    /** Character reads allowed per message across all patterns: far above any real message's need. */
    private static final long READS_PER_MESSAGE = 20_000_000;
    /**
     * One forward prefix. Stripped one at a time: the regex engine recurses once per repetition of
     * a group, so "(?:...)+" over a subject of thousands of "Fwd:" overflowed the stack.
     */
    private static final Pattern FORWARD_PREFIX = Pattern.compile("\\s*(?:fwd?|fw|tr|wg|rv|enc)\\s*:\\s*",
            Pattern.CASE_INSENSITIVE);

    private final Ruleset rules;
    private final Prefilter prefilter;

    public Evaluator(Ruleset rules) {
        this.rules = rules;
        this.prefilter = new Prefilter(rules);
    }

    public Extraction evaluate(InboundMessage message, String utilityId, SenderHistory history) {
        Budget budget = new Budget(READS_PER_MESSAGE);
        try {
            return decide(message, utilityId, history, budget);
        } catch (Budget.Exceeded e) {
            return new Extraction.NoCode(List.of("a rule pattern needed too long on this message; nothing extracted"));
        }
    }

    private Extraction decide(InboundMessage message, String utilityId, SenderHistory history, Budget budget) {
        GenericRules generic = rules.generic();
        Optional<UtilityRules> utility = rules.utility(utilityId);
        boolean sms = message.channel() == Channel.SMS;
        String subject = withoutForwardPrefixes(message.subject());
        List<String> subjectLines = subject.isEmpty() ? List.of() : List.of(subject);
        List<String> textLines = Lines.of(sms ? withoutRetrieverMarks(message.text(), budget) : message.text());
        List<String> outerLines = Lines.of(message.outerText());
        List<String> all = new ArrayList<>(subjectLines);
        all.addAll(textLines);
        Joined allJoined = Joined.of(all);

        ProviderCheck providers = new ProviderCheck(budget, prefilter, all, allJoined, outerLines);
        for (ProviderRule provider : rules.providers()) {
            Optional<Extraction> found = providers.apply(provider, message);
            if (found.isPresent()) {
                return found.get();
            }
        }
        List<String> vetoed = vetoes(generic, utility, Joined.of(subjectLines), allJoined, Joined.of(outerLines),
                budget);
        if (!vetoed.isEmpty()) {
            return new Extraction.NoCode(vetoed);
        }

        Shape shape = utility.map(UtilityRules::shape).orElse(generic.shape());
        CandidateFinder finder = new CandidateFinder(generic, utility.map(UtilityRules::anchors).orElse(List.of()),
                shape, prefilter, budget);
        List<Candidate> found = new ArrayList<>(finder.find(subjectLines, "subject"));
        found.addAll(finder.find(textLines, "text"));
        Optional<String> offSite = originBound(generic, utility, shape, textLines, found, budget);
        if (offSite.isPresent()) {
            return new Extraction.NoCode(List.of(offSite.get()));
        }
        Set<String> distinct = new LinkedHashSet<>();
        found.forEach(c -> distinct.add(c.code()));
        finder.find(outerLines, "note").forEach(c -> distinct.add(c.code()));
        if (distinct.size() > 1) {
            return new Extraction.NoCode(List.of("different candidate codes (" + distinct.size()
                    + ") and nothing to tell which one is meant"));
        }
        String prefix = utility.map(UtilityRules::id).orElse("generic") + (sms ? ".sms" : utility.isPresent() ? ".email" : "");
        if (!found.isEmpty()) {
            Optional<SenderStatus> status = SenderJudge.judge(message, utility, history, generic);
            if (status.isEmpty()) {
                return new Extraction.NoCode(List.of(senderReason(message, utility)));
            }
            double strength = found.stream().mapToDouble(Candidate::strength).max().orElse(0.8);
            return new Extraction.CodeFound(found.get(0).code(), utilityId, prefix + ".code",
                    confidence(strength, status.get()), status.get());
        }
        return link(message, utility, utilityId, history, textLines, allJoined, prefix, budget);
    }

    private Extraction link(InboundMessage message, Optional<UtilityRules> utility, String utilityId,
            SenderHistory history, List<String> textLines, Joined all, String prefix, Budget budget) {
        LinkChooser chooser = new LinkChooser(rules.generic(), prefilter, budget);
        if (!chooser.asksForClick(all)) {
            return new Extraction.NoCode(List.of("no code next to an anchor phrase, and no request to open a link"));
        }
        Map<String, List<String>> urls = Urls.of(message.links(), textLines);
        Set<String> links = chooser.verificationLinks(urls, hostCheck(message, utility));
        if (links.size() != 1) {
            return new Extraction.NoCode(List.of(links.isEmpty()
                    ? "asks to open a link, but no verification link on the sender's domain"
                    : "several different verification links (" + links.size() + ")"));
        }
        Optional<SenderStatus> status = SenderJudge.judge(message, utility, history, rules.generic());
        if (status.isEmpty()) {
            return new Extraction.NoCode(List.of(senderReason(message, utility)));
        }
        return new Extraction.LinkFound(links.iterator().next(), utilityId, prefix + ".link",
                confidence(0.85, status.get()), status.get());
    }

    private static Predicate<String> hostCheck(InboundMessage message, Optional<UtilityRules> utility) {
        if (utility.isPresent()) {
            return utility.get()::linkHost;
        }
        if (message.channel() == Channel.SMS) {
            return host -> !host.isEmpty();
        }
        String author = message.originalSender();
        String domain = author.substring(author.indexOf('@') + 1);
        return host -> !host.isEmpty() && !domain.isEmpty() && Urls.base(host).equals(Urls.base(domain));
    }

    private List<String> vetoes(GenericRules generic, Optional<UtilityRules> utility, Joined subject,
            Joined message, Joined outer, Budget budget) {
        List<Veto> all = new ArrayList<>(generic.vetoes());
        utility.ifPresent(u -> all.addAll(u.vetoes()));
        List<String> reasons = new ArrayList<>();
        for (Veto veto : all) {
            Joined text = switch (veto.scope()) {
                case MESSAGE -> message;
                case SUBJECT -> subject;
                case OUTER -> outer;
            };
            if (!text.isEmpty() && prefilter.mayFind(veto.pattern(), text.haystack())
                    && veto.pattern().matcher(budget.wrap(text.text())).find()) {
                reasons.add(veto.reason() + " (" + veto.id() + ")");
            }
        }
        return reasons;
    }

    /**
     * Adds the code of an origin-bound line, when it is code-shaped like any other (a digit, the
     * utility's length and charset); refuses a code bound to a site not the utility's.
     */
    private Optional<String> originBound(GenericRules generic, Optional<UtilityRules> utility, Shape shape,
            List<String> lines, List<Candidate> found, Budget budget) {
        for (String line : lines) {
            if (!prefilter.mayFind(generic.originBound(), new Haystack(line))) {
                continue;
            }
            Matcher m = generic.originBound().matcher(budget.wrap(line));
            if (m.find()) {
                String host = m.group("host").toLowerCase(java.util.Locale.ROOT);
                if (utility.isPresent() && !utility.get().linkHost(host) && !utility.get().relatedDomain(host)) {
                    return Optional.of("the code is bound to " + host + ", not a site of " + utility.get().name());
                }
                CodeToken.normalise(m.group("code"), shape, generic.notCodeToken())
                        .ifPresent(code -> found.add(new Candidate(code, CandidateFinder.SAME_LINE, "origin-bound")));
            }
        }
        return Optional.empty();
    }

    private static String withoutForwardPrefixes(String subject) {
        Matcher prefix = FORWARD_PREFIX.matcher(subject);
        int start = 0;
        while (prefix.region(start, subject.length()).lookingAt() && prefix.end() > start) {
            start = prefix.end();
        }
        return subject.substring(start).strip();
    }

    private String withoutRetrieverMarks(String text, Budget budget) {
        Matcher prefix = rules.generic().retrieverPrefix().matcher(budget.wrap(text));
        if (!prefix.find() || prefix.start() != 0) {
            return text;
        }
        String body = text.substring(prefix.end());
        return rules.generic().retrieverHash().matcher(budget.wrap(body)).replaceFirst("");
    }

    private static String senderReason(InboundMessage message, Optional<UtilityRules> utility) {
        String author = message.originalSender().isEmpty() ? "(no sender)" : message.originalSender();
        return utility.map(u -> "sender " + author + " is neither a known sender of " + u.name()
                        + " nor on a domain related to it")
                .orElse("written by a person (" + author + "), not sent by a utility");
    }

    private static double confidence(double strength, SenderStatus status) {
        double c = switch (status) {
            case KNOWN -> strength + 0.05;
            case ROTATED -> strength - 0.1;
            case UNKNOWN -> strength - 0.1;
        };
        return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100.0;
    }
}
