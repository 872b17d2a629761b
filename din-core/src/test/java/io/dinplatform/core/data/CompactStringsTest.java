package io.dinplatform.core.data;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactStringsTest {

    private static final List<String> VALUES = List.of("b", "a", "ab", "", "é", "ĀA", "Ā", "東京", "😀", "ÿ");

    @Test
    void findsARangeOfALargerStringAndInternsItOnce() {
        CompactStrings strings = new CompactStrings();
        String cell = "i3|東京|i3|";

        int first = strings.intern(cell, 0, 2);
        int tokyo = strings.intern(cell, 3, 5);

        assertThat(strings.intern(cell, 6, 8)).isEqualTo(first);
        assertThat(strings.indexOf(cell, 3, 5)).isEqualTo(tokyo);
        assertThat(strings.indexOf("i3")).isEqualTo(first);
        assertThat(strings.indexOf(cell, 0, 3)).isEqualTo(CompactStrings.ABSENT);
        assertThat(strings.size()).isEqualTo(2);
        assertThat(strings.get(tokyo)).isEqualTo("東京");
    }

    @Test
    void comparesAsStringsCompare() {
        CompactStrings strings = new CompactStrings();
        VALUES.forEach(strings::add);

        for (int i = 0; i < VALUES.size(); i++) {
            for (int j = 0; j < VALUES.size(); j++) {
                assertThat(Integer.signum(strings.compare(i, j)))
                        .as("%s against %s", VALUES.get(i), VALUES.get(j))
                        .isEqualTo(Integer.signum(VALUES.get(i).compareTo(VALUES.get(j))));
            }
        }
    }

    @Test
    void copiesAValueFromAnotherSetAndRefusesOneItHolds() {
        CompactStrings from = new CompactStrings();
        VALUES.forEach(from::add);
        CompactStrings to = new CompactStrings(1, 1);

        for (int id = VALUES.size() - 1; id >= 0; id--) {
            to.addCopyOf(from, id);
        }

        assertThat(to.size()).isEqualTo(VALUES.size());
        for (String value : VALUES) {
            assertThat(to.get(to.indexOf(value))).isEqualTo(value);
        }
        assertThatThrownBy(() -> to.addCopyOf(from, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate value: 東京");
        assertThatThrownBy(() -> to.add("ĀA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrozenSetRefusesNewValuesAndStillFindsItsOwn() {
        CompactStrings strings = new CompactStrings();
        VALUES.forEach(strings::add);
        CompactStrings copy = new CompactStrings();
        VALUES.forEach(copy::add);

        strings.freeze();

        assertThatThrownBy(() -> strings.intern("new", 0, 3)).isInstanceOf(IllegalStateException.class);
        assertThat(strings.intern("東京", 0, 2)).isEqualTo(7);
        assertThat(strings).isEqualTo(copy).hasSameHashCodeAs(copy);
        assertThat(strings.hashCode()).isEqualTo(VALUES.hashCode());
        assertThatThrownBy(() -> strings.get(VALUES.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void agreesWithAMapOfStringsOnRandomValuesOfMixedWidths() {
        SplittableRandom random = new SplittableRandom(17);
        char[] alphabet = {'a', 'b', 'é', 'ÿ', 'Ā', '東', '\uD83D', '\uDE00'};
        CompactStrings strings = new CompactStrings();
        Map<String, Integer> reference = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            char[] chars = new char[random.nextInt(0, 5)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = alphabet[random.nextInt(alphabet.length)];
            }
            String cell = "|" + new String(chars) + "|";
            int expected = reference.computeIfAbsent(new String(chars), v -> reference.size());
            if (strings.intern(cell, 1, cell.length() - 1) != expected) {
                throw new AssertionError("'" + cell + "' interned as another value");
            }
        }
        assertThat(strings.size()).isEqualTo(reference.size());
        reference.forEach((value, id) -> {
            if (strings.indexOf(value) != id || !strings.get(id).equals(value)) {
                throw new AssertionError("'" + value + "' does not round trip");
            }
        });
    }
}
