package net.mfagateway.rules.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The compiled generic file: anchors, negatives, vetoes, link and SMS conventions shared by all. */
public record GenericRules(
        Shape shape,
        String wordAlternation,
        List<Pattern> anchors,
        Pattern lineAnchor,
        Pattern notCodeWords,
        Pattern notCodeContext,
        Pattern notCodeToken,
        Pattern personWords,
        List<Veto> vetoes,
        Set<String> freeMailDomains,
        Pattern linkUrl,
        Pattern linkDecoys,
        Pattern linkContext,
        Pattern retrieverPrefix,
        Pattern retrieverHash,
        Pattern originBound,
        List<Example> examples) {

    public GenericRules {
        anchors = List.copyOf(anchors);
        vetoes = List.copyOf(vetoes);
        freeMailDomains = Set.copyOf(freeMailDomains);
        examples = List.copyOf(examples);
    }
}
