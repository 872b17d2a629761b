package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.Vocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyBuilderTest {

    @Test
    void findsAValueByItsRangeInALargerStringThroughManyResizes() {
        VocabularyBuilder builder = new VocabularyBuilder();
        for (int v = 0; v < 100_000; v++) {
            builder.beginRow();
            assertThat(builder.intern(Integer.toString(v), true)).isEqualTo(v);
        }
        String cell = "x|12345|99999|0|x";

        builder.beginRow();
        assertThat(builder.intern(cell, 2, 7, true)).isEqualTo(12345);
        assertThat(builder.intern(cell, 8, 13, false)).isEqualTo(99999);
        assertThat(builder.intern(cell, 14, 15, true)).isEqualTo(0);
        assertThat(builder.intern(cell, 0, 1, true)).as("a new value").isEqualTo(100_000);
        builder.beginRow();
        assertThat(builder.intern(cell, 16, 17, true)).isEqualTo(100_000);
        assertThat(builder.intern(cell, 7, 7, true)).isEqualTo(VocabularyBuilder.MISSING);

        VocabularyBuilder.Encoding encoding = builder.build(2);
        Vocabulary vocabulary = encoding.vocabulary();
        assertThat(vocabulary.values()).containsExactly("0", "12345", "x");
        assertThat(vocabulary.counts()).containsExactly(0, 100_000 - 3 + 1 + 1, 2, 2, 2);
        assertThat(encoding.finalIndex()[99999]).as("seen once in training, once outside").isEqualTo(Vocabulary.UNKNOWN);
    }

    @Test
    void countsAValueOnceForEachTrainingRowThatHoldsIt() {
        VocabularyBuilder builder = new VocabularyBuilder();
        builder.beginRow();
        builder.intern("a", true);
        builder.intern("a", true);
        builder.intern("", true);
        builder.intern("", true);
        builder.beginRow();
        builder.intern("a", false);
        builder.beginRow();
        builder.intern("b", true);
        builder.intern("a", true);

        Vocabulary vocabulary = builder.build(1).vocabulary();
        assertThat(vocabulary.values()).containsExactly("a", "b");
        assertThat(vocabulary.counts()).as("padding, unknown (the missing value's row), a, b")
                .containsExactly(0, 1, 2, 1);
    }

    @Test
    void keepsValuesWithEqualHashesApart() {
        VocabularyBuilder builder = new VocabularyBuilder();

        int aa = builder.intern("Aa", true);
        int bb = builder.intern("BB", true);

        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(aa).isNotEqualTo(bb);
        assertThat(builder.intern("xBBx", 1, 3, true)).isEqualTo(bb);
    }
}
