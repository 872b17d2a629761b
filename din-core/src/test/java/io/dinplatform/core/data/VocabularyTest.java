package io.dinplatform.core.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {

    private static final List<String> MIXED = List.of("u17", "", "ß", "東京", "😀 smile", "a\u0000b", "Aa", "BB",
            "ÿ", "Ā");

    @Test
    void everyIndexTurnsBackIntoItsValueAndItsValueIntoIt() {
        Vocabulary vocabulary = new Vocabulary(MIXED, countsFor(MIXED.size()));

        assertThat(vocabulary.size()).isEqualTo(MIXED.size() + Vocabulary.FIRST_ID);
        for (int i = 0; i < MIXED.size(); i++) {
            int index = i + Vocabulary.FIRST_ID;
            assertThat(vocabulary.valueAt(index)).isEqualTo(MIXED.get(i));
            assertThat(vocabulary.indexOf(MIXED.get(i))).isEqualTo(index);
            assertThat(vocabulary.indexOf(new String(MIXED.get(i).toCharArray())))
                    .as("a string equal to the value, not the same one").isEqualTo(index);
            assertThat(vocabulary.count(index)).isEqualTo(index * 10L);
        }
        assertThat(vocabulary.values()).containsExactlyElementsOf(MIXED);
    }

    @Test
    void paddingAndUnknownAreReservedAndNeverAValue() {
        Vocabulary vocabulary = new Vocabulary(List.of("a", "b"), new long[] {0, 5, 3, 2});

        assertThat(vocabulary.valueAt(Vocabulary.PADDING)).isNull();
        assertThat(vocabulary.valueAt(Vocabulary.UNKNOWN)).isNull();
        assertThat(vocabulary.valueAt(vocabulary.size())).isNull();
        assertThat(vocabulary.count(Vocabulary.UNKNOWN)).isEqualTo(5);
        assertThat(vocabulary.indexOf("a")).isEqualTo(Vocabulary.FIRST_ID);
    }

    @Test
    void aValueNotAdmittedIsUnknown() {
        Vocabulary vocabulary = new Vocabulary(List.of("Aa", "ab", "東"), countsFor(3));

        assertThat(vocabulary.indexOf("BB")).as("the same String hash as Aa").isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary.indexOf("a")).as("a prefix").isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary.indexOf("abc")).as("an extension").isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary.indexOf("東京")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary.indexOf("")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary.indexOf(null)).isEqualTo(Vocabulary.UNKNOWN);
    }

    @Test
    void refusesAValueGivenTwiceAndCountsOfAnotherLength() {
        assertThatThrownBy(() -> new Vocabulary(List.of("a", "東", "a"), countsFor(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate vocabulary value: a");
        assertThatThrownBy(() -> new Vocabulary(List.of("東", "東"), countsFor(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate vocabulary value: 東");
        assertThatThrownBy(() -> new Vocabulary(List.of("a"), countsFor(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one entry per index");
    }

    @Test
    void equalValuesAndCountsMakeEqualVocabulariesWithTheHashCodeOfTheListTheyWere() {
        Vocabulary vocabulary = new Vocabulary(MIXED, countsFor(MIXED.size()));
        Vocabulary same = new Vocabulary(new ArrayList<>(MIXED), countsFor(MIXED.size()));
        List<String> reordered = new ArrayList<>(MIXED);
        reordered.set(0, MIXED.get(1));
        reordered.set(1, MIXED.get(0));
        long[] otherCounts = countsFor(MIXED.size());
        otherCounts[Vocabulary.FIRST_ID]++;

        assertThat(vocabulary).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(vocabulary.hashCode())
                .isEqualTo(31 * MIXED.hashCode() + Arrays.hashCode(countsFor(MIXED.size())));
        assertThat(vocabulary).isNotEqualTo(new Vocabulary(reordered, countsFor(MIXED.size())));
        assertThat(vocabulary).isNotEqualTo(new Vocabulary(MIXED, otherCounts));
        assertThat(vocabulary).isNotEqualTo(new Vocabulary(MIXED.subList(0, 9), countsFor(9)));
    }

    @Test
    void holdsItsOwnCopiesOfWhatItIsGiven() {
        List<String> values = new ArrayList<>(List.of("a", "b"));
        long[] counts = countsFor(2);
        Vocabulary vocabulary = new Vocabulary(values, counts);

        values.set(0, "z");
        counts[Vocabulary.FIRST_ID] = 99;
        vocabulary.counts()[Vocabulary.FIRST_ID] = 98;

        assertThat(vocabulary.valueAt(Vocabulary.FIRST_ID)).isEqualTo("a");
        assertThat(vocabulary.count(Vocabulary.FIRST_ID)).isEqualTo(20);
        assertThatThrownBy(() -> vocabulary.values().set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMillionValuesRoundTripAndCostFarLessThanAMapOfStrings() {
        int n = 1_000_000;
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add((i % 7 == 0 ? "ü" : "u") + i);
        }
        CompactStrings strings = new CompactStrings();
        values.forEach(strings::add);
        Vocabulary vocabulary = new Vocabulary(strings, countsFor(n));

        for (int i = 0; i < n; i++) {
            int index = i + Vocabulary.FIRST_ID;
            if (vocabulary.indexOf(values.get(i)) != index || !values.get(i).equals(vocabulary.valueAt(index))) {
                throw new AssertionError("value " + values.get(i) + " at index " + index + " does not round trip");
            }
        }
        assertThat(vocabulary.indexOf("u" + n)).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(vocabulary).isEqualTo(new Vocabulary(values, countsFor(n)));
        assertThat(strings.bytesHeld()).as("about 7 bytes of characters and 4 to 12 of ids per value")
                .isLessThan(20L * n);
        assertThatThrownBy(() -> strings.add("new")).as("frozen by the vocabulary")
                .isInstanceOf(IllegalStateException.class);
    }

    /** Counts 0, 10, 20, … for padding, unknown and {@code values} values. */
    private static long[] countsFor(int values) {
        return LongStream.range(0, values + Vocabulary.FIRST_ID).map(i -> 10 * i).toArray();
    }
}
