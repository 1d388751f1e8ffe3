package net.mfagateway.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void everyKindOfLineBreakEndsALine() {
        assertThat(Lines.of("a1\r\nb2\nc3\rd4\r\r\ne5\n")).containsExactly("a1", "b2", "c3", "d4", "e5");
    }

    @Test
    void quoteMarkersBlanksAndEmptyLinesGo() {
        assertThat(Lines.of("\n> > Your code:\n >| \u00A0 482913  \n\t\n|x y")).containsExactly("Your code:", "482913",
                "x y");
    }

    @Test
    void oneCharacterCellsJoinIntoOneLine() {
        assertThat(Lines.of("Code:\n4\n8\n\n2\n9\nend\nA\nB")).containsExactly("Code:", "4829", "end", "A", "B");
    }
}
