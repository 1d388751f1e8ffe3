package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader sees of one message's MIME tree: its visible text twice, once preferring the HTML
 * alternative and once preferring the plain one, and the messages attached to it.
 *
 * <p>HTML is preferred for {@code text} because senders put the code in styled cells there while
 * the plain part is a generated fallback; the plain rendering is kept for finding forwarded blocks
 * when the HTML hides their structure.
 */
record Body(RenderedText htmlFirst, RenderedText plainFirst, List<MimeEntity> attached) {

    /** Rendering more than this many characters of one part buys nothing and costs time. */
    private static final int MAX_PART_CHARS = 1_000_000;
    private static final int MAX_TOTAL_CHARS = 2_000_000;

    Body {
        attached = List.copyOf(attached);
    }

    static Body of(MimeEntity entity, Problems problems) {
        Collector collector = new Collector(problems);
        collector.walk(entity, false);
        return collector.body();
    }

    private static final class Collector {
        private final Problems problems;
        private final List<RenderedText> htmlFirst = new ArrayList<>();
        private final List<RenderedText> plainFirst = new ArrayList<>();
        private final List<MimeEntity> attached = new ArrayList<>();
        private boolean sawHtml;
        /** Characters read so far across the whole message, shared with nested collectors. */
        private final int[] renderedChars;

        Collector(Problems problems) {
            this(problems, new int[1]);
        }

        private Collector(Problems problems, int[] renderedChars) {
            this.problems = problems;
            this.renderedChars = renderedChars;
        }

        Body body() {
            return new Body(RenderedText.join(htmlFirst), RenderedText.join(plainFirst), attached);
        }

        void walk(MimeEntity entity, boolean insideReport) {
            MediaType type = entity.type();
            if (entity.message() != null) {
                // A delivery report's copy of the returned message is part of the report.
                if (!insideReport) {
                    attached.add(entity.message());
                }
            } else if (type.is("multipart/alternative")) {
                alternative(entity, insideReport);
            } else if (type.is("multipart/report")) {
                for (MimeEntity part : entity.parts()) {
                    if (!part.type().value().startsWith("message/") && !part.type().is("text/rfc822-headers")) {
                        walk(part, true);
                    }
                }
            } else if (type.isMultipart()) {
                for (MimeEntity part : entity.parts()) {
                    walk(part, insideReport);
                }
            } else if (!entity.isAttachment() || entity.fileName().isEmpty()) {
                leaf(entity);
            }
        }

        private void leaf(MimeEntity entity) {
            MediaType type = entity.type();
            boolean html = type.is("text/html");
            boolean plain = type.is("text/plain") || type.is("text/enriched") || type.is("text/richtext");
            if (!html && !plain) {
                return;
            }
            if (renderedChars[0] > MAX_TOTAL_CHARS) {
                problems.add("more than " + MAX_TOTAL_CHARS + " characters of text; later parts not read");
                return;
            }
            String text = entity.text(problems);
            if (text.length() > MAX_PART_CHARS) {
                problems.add("text part longer than " + MAX_PART_CHARS + " characters; rest not read");
                text = text.substring(0, MAX_PART_CHARS);
            }
            if (VisibleChars.looksBinary(text)) {
                problems.add(type.value() + " part is binary junk; skipped");
                return;
            }
            renderedChars[0] += text.length();
            RenderedText rendered = html ? HtmlText.render(text, problems) : PlainText.render(text);
            sawHtml |= html;
            htmlFirst.add(rendered);
            plainFirst.add(rendered);
        }

        private void alternative(MimeEntity entity, boolean insideReport) {
            Body best = null;
            Body plain = null;
            for (MimeEntity part : entity.parts()) {
                Collector child = new Collector(problems, renderedChars);
                child.walk(part, insideReport);
                Body body = child.body();
                attached.addAll(body.attached());
                if (body.htmlFirst().isBlank()) {
                    continue;
                }
                if (child.sawHtml) {
                    best = body;
                    sawHtml = true;
                } else if (plain == null) {
                    plain = body;
                }
            }
            RenderedText htmlChoice = best != null ? best.htmlFirst() : plain != null ? plain.htmlFirst() : null;
            RenderedText plainChoice = plain != null ? plain.plainFirst() : best != null ? best.plainFirst() : null;
            if (htmlChoice != null) {
                htmlFirst.add(htmlChoice);
                plainFirst.add(plainChoice);
            }
        }
    }
}
