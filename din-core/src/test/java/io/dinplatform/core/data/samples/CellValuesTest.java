package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.RowError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellValuesTest {

    @Test
    void escapesEachSeparatorAndTheEscapeCharacterOnly() {
        assertThat(CellValues.sequenceValue("Bags, Cases & Sleeves")).isEqualTo("Bags%2C Cases & Sleeves");
        assertThat(CellValues.sequenceValue("a|b^c;d\te%f")).isEqualTo("a%7Cb%5Ec%3Bd%09e%25f");
        assertThat(CellValues.sequenceValue("B00X4WHP5E")).isSameAs("B00X4WHP5E");
    }

    @Test
    void rawTextUndoesTheEscapeAndKeepsAPercentWrittenByHand() {
        assertThat(CellValues.rawText("a%7Cb%5Ec%3Bd%09e%25f")).isEqualTo("a|b^c;d\te%f");
        assertThat(CellValues.rawText("%252C")).isEqualTo("%2C");
        assertThat(CellValues.rawText("50% off, 100%")).isEqualTo("50% off, 100%");
        assertThat(CellValues.rawText("%G1%2")).isEqualTo("%G1%2");
    }

    @Test
    void anEscapedValueIsOneValueOfASequenceCell() {
        SequenceCellParser parser = new SequenceCellParser('|');
        String cell = CellValues.sequenceValue("x,y") + "|" + CellValues.sequenceValue("a|b");
        List<RowError> errors = new ArrayList<>();

        assertThat(parser.parse(CellValues.sequenceValue("x,y"), 1, "hist", errors).length()).isEqualTo(1);
        assertThat(parser.parse(cell, 1, "hist", errors).values()).containsExactly("x%2Cy", "a%7Cb");
        assertThat(errors).isEmpty();
    }

    @Test
    void namesWhatNoCellOrSequenceValueCanHold() {
        assertThat(CellValues.sequenceValueProblem("")).isEqualTo("is empty, and a history holds no empty value");
        assertThat(CellValues.cellProblem("a\uDC00")).contains("unpaired surrogate");
        assertThat(CellValues.cellProblem("\uD83D\uDE00")).isNull();
        assertThat(CellValues.sequenceValueProblem(",".repeat(CellValues.MAX_SEQUENCE_VALUE_CHARS / 3 + 1)))
                .contains("more than the " + CellValues.MAX_SEQUENCE_VALUE_CHARS);
        assertThat(CellValues.sequenceValueProblem(",".repeat(CellValues.MAX_SEQUENCE_VALUE_CHARS / 3))).isNull();
    }
}
