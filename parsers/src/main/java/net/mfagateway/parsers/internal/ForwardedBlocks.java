package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Link;

/**
 * Finds the forwarded messages in a body's visible text, by the header blocks mail clients write
 * above them: Gmail's "---------- Forwarded message ---------", Outlook's From/Sent/To/Subject
 * block, Apple Mail's "Begin forwarded message:", Thunderbird's "-------- Forwarded Message
 * --------", mutt's "----- Forwarded message from ... -----", each possibly quoted with '>'.
 *
 * <p>A block needs a From line and at least one of Date/Sent/To/Subject, and either a forward
 * separator above it or Outlook's "Sent:" line. Its header lines may be double-spaced. A raw
 * header dump (a bounce's "Original message headers", with Received and Message-ID around it) is
 * not a block. An Outlook-style block in a reply ("Re:" subject, no explicit forward separator)
 * is the quoted mail being answered, not a forward.
 *
 * <p>A block followed by another is a wrapper (a forward of a forward) when its subject is itself
 * a forward or its body is empty; its body is then the middle forwarder's note. Otherwise the two
 * were forwarded side by side and both are content.
 */
final class ForwardedBlocks {

    private static final Pattern SEPARATOR = Pattern.compile("^(?:[-_=]{2,}.*[-_=]{2,}|_{5,})$");
    private static final Pattern FORWARD_WORD = Pattern.compile(
            "forward|transf[ée]r|réexpédi|reexpedi|reenviad|weitergeleitet|inoltrat|doorgestuurd"
                    + "|encaminhad|videresend|vidarebefordra|przekazan", Pattern.CASE_INSENSITIVE);
    private static final Pattern END_MARKER = Pattern.compile(
            "^-{2,}\\s*end\\s+(?:of\\s+)?forwarded\\s+message\\s*-*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD_PREFIX = Pattern.compile(
            "^\\s*(?:\\[[^\\]]{0,40}\\]\\s*)?(?:fwd?|fw|tr|wg|rv|enc|vs|vb|doorst|i)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*(?:re|aw|sv|antw|odp|ynt|r)\\s*:", Pattern.CASE_INSENSITIVE);

    private static final int INTRO_REACH = 3;

    private final List<String> lines;
    private final List<String> contents;
    private final int[] starts;
    private final HeaderLine[] fields;

    private record Block(int introLine, int first, int last, String sender, String subject) {
    }

    private ForwardedBlocks(String text) {
        String[] split = text.split("\n", -1);
        lines = List.of(split);
        contents = new ArrayList<>(split.length);
        starts = new int[split.length + 1];
        fields = new HeaderLine[split.length];
        int offset = 0;
        for (int i = 0; i < split.length; i++) {
            starts[i] = offset;
            offset += split[i].length() + 1;
            contents.add(unquoted(split[i]));
            fields[i] = HeaderLine.parse(contents.get(i));
        }
        starts[split.length] = offset;
    }

    /** The inline forward in {@code body}, or null when the body forwards nothing. */
    static InlineForward find(RenderedText body, String outerSubject) {
        if (body.isBlank() || body.text().indexOf(':') < 0) {
            return null;
        }
        ForwardedBlocks text = new ForwardedBlocks(body.text());
        boolean reply = REPLY_PREFIX.matcher(outerSubject).find() && !FORWARD_PREFIX.matcher(outerSubject).find();
        List<Block> blocks = text.blocks(reply);
        return blocks.isEmpty() ? null : text.forward(blocks, body, outerSubject);
    }

    static String withoutForwardPrefixes(String subject) {
        String s = subject;
        for (int i = 0; i < 10; i++) {
            var m = FORWARD_PREFIX.matcher(s);
            var r = REPLY_PREFIX.matcher(s);
            if (m.find()) {
                s = s.substring(m.end());
            } else if (r.find()) {
                s = s.substring(r.end());
            } else {
                break;
            }
        }
        return s.strip();
    }

    private List<Block> blocks(boolean reply) {
        List<Block> blocks = new ArrayList<>();
        int floor = 0;
        int i = 0;
        while (i < contents.size()) {
            HeaderLine line = fields[i];
            if (line == null || line.field() != HeaderLine.Field.FROM) {
                i++;
                continue;
            }
            int first = i;
            for (int j = fieldAbove(first, floor); j >= 0 && !isFrom(j); j = fieldAbove(first, floor)) {
                first = j;
            }
            int last = i;
            for (int j = fieldBelow(last); j >= 0 && !isFrom(j); j = fieldBelow(last)) {
                last = j;
            }
            Block block = accept(first, last, reply);
            if (block != null) {
                blocks.add(block);
                i = last + 1;
                floor = i;
            } else {
                i++;
            }
        }
        return blocks;
    }

    private Block accept(int first, int last, boolean reply) {
        Set<HeaderLine.Field> fields = EnumSet.noneOf(HeaderLine.Field.class);
        String sender = "";
        String subject = "";
        for (int j = first; j <= last; j++) {
            HeaderLine line = this.fields[j];
            if (line == null) {
                continue; // a blank line between two header lines
            }
            fields.add(line.field());
            if (line.field() == HeaderLine.Field.FROM && sender.isEmpty()) {
                sender = Addresses.first(line.value());
            } else if (line.field() == HeaderLine.Field.SUBJECT && subject.isEmpty()) {
                subject = line.value();
            }
        }
        boolean described = fields.contains(HeaderLine.Field.DATE) || fields.contains(HeaderLine.Field.SENT)
                || fields.contains(HeaderLine.Field.TO) || fields.contains(HeaderLine.Field.SUBJECT);
        if (!described || rawHeadersAround(first, last)) {
            return null;
        }
        int intro = introAbove(first);
        boolean explicit = intro >= 0 && FORWARD_WORD.matcher(contents.get(intro)).find();
        boolean separated = intro >= 0;
        boolean outlook = fields.contains(HeaderLine.Field.SENT);
        if (explicit || ((separated || outlook) && !reply)) {
            return new Block(intro, first, last, sender, subject);
        }
        return null;
    }

    /** The separator or "Begin forwarded message:" line just above a block, or -1. */
    private int introAbove(int first) {
        for (int j = first - 1; j >= 0 && j >= first - INTRO_REACH; j--) {
            String content = contents.get(j);
            if (content.isEmpty()) {
                continue;
            }
            boolean separator = SEPARATOR.matcher(content).matches();
            boolean announces = content.endsWith(":") && FORWARD_WORD.matcher(content).find();
            return separator || announces ? j : -1;
        }
        return -1;
    }

    private boolean rawHeadersAround(int first, int last) {
        for (int j = Math.max(0, first - INTRO_REACH); j < first; j++) {
            if (HeaderLine.isRawField(contents.get(j))) {
                return true;
            }
        }
        for (int j = last + 1; j <= Math.min(contents.size() - 1, last + 2); j++) {
            if (HeaderLine.isRawField(contents.get(j))) {
                return true;
            }
        }
        return false;
    }

    private InlineForward forward(List<Block> blocks, RenderedText body, String outerSubject) {
        StringBuilder outer = new StringBuilder();
        StringBuilder inner = new StringBuilder();
        List<Link> links = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        String sender = "";
        appendLines(outer, 0, top(blocks.get(0)));
        for (int k = 0; k < blocks.size(); k++) {
            Block block = blocks.get(k);
            int bodyStart = block.last() + 1;
            int bodyEnd = k + 1 < blocks.size() ? top(blocks.get(k + 1)) : contents.size();
            int marker = endMarker(bodyStart, bodyEnd);
            boolean wrapper = k + 1 < blocks.size()
                    && (FORWARD_PREFIX.matcher(block.subject()).find() || blank(bodyStart, bodyEnd));
            if (wrapper) {
                appendLines(outer, bodyStart, bodyEnd);
                continue;
            }
            int contentEnd = marker >= 0 ? marker : bodyEnd;
            appendLines(inner, bodyStart, contentEnd);
            if (marker >= 0) {
                appendLines(outer, marker + 1, bodyEnd);
            }
            links.addAll(linksBetween(body, bodyStart, contentEnd));
            if (!block.subject().isBlank()) {
                subjects.add(block.subject());
            }
            if (!block.sender().isEmpty()) {
                sender = block.sender();
            }
        }
        String subject = subjects.isEmpty() ? withoutForwardPrefixes(outerSubject) : String.join("\n", subjects);
        return new InlineForward(sender, subject, VisibleChars.normalise(inner.toString()), links,
                VisibleChars.normalise(outer.toString()));
    }

    private static int top(Block block) {
        return block.introLine() >= 0 ? block.introLine() : block.first();
    }

    private int endMarker(int from, int to) {
        for (int j = from; j < to; j++) {
            if (END_MARKER.matcher(contents.get(j)).matches()) {
                return j;
            }
        }
        return -1;
    }

    private boolean blank(int from, int to) {
        for (int j = from; j < to; j++) {
            if (!contents.get(j).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void appendLines(StringBuilder out, int from, int to) {
        for (int j = from; j < to; j++) {
            out.append(contents.get(j)).append('\n');
        }
        out.append('\n');
    }

    private List<Link> linksBetween(RenderedText body, int fromLine, int toLine) {
        int from = starts[fromLine];
        int to = starts[Math.min(toLine, lines.size())];
        List<Link> found = new ArrayList<>();
        for (RenderedText.PlacedLink link : body.links()) {
            if (link.offset() >= from && link.offset() < to) {
                found.add(link.link());
            }
        }
        return found;
    }

    /**
     * The header line just above line {@code j}, at or below {@code floor}, or -1. One blank line
     * may sit between two header lines: clients that set each header line as its own paragraph
     * (and plain text made from such HTML) write the block double-spaced.
     */
    private int fieldAbove(int j, int floor) {
        if (j - 1 >= floor && isField(j - 1)) {
            return j - 1;
        }
        return j - 2 >= floor && contents.get(j - 1).isEmpty() && isField(j - 2) ? j - 2 : -1;
    }

    /** The header line just below line {@code j}, across at most one blank line, or -1. */
    private int fieldBelow(int j) {
        if (j + 1 < contents.size() && isField(j + 1)) {
            return j + 1;
        }
        return j + 2 < contents.size() && contents.get(j + 1).isEmpty() && isField(j + 2) ? j + 2 : -1;
    }

    private boolean isField(int index) {
        return fields[index] != null;
    }

    private boolean isFrom(int index) {
        return fields[index] != null && fields[index].field() == HeaderLine.Field.FROM;
    }

    /** The line without '>' quote markers, trimmed. */
    private static String unquoted(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(i).strip();
    }
}
