package io.dinplatform.core.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildProtocol;
import io.dinplatform.core.data.builders.BuildResult;
import io.dinplatform.core.data.builders.Interaction;
import io.dinplatform.core.data.builders.ItemCatalog;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.data.samples.CellValues;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SequenceCell;

/**
 * Coverage-guided fuzzing of the samples builder with Jazzer: arbitrary text as user ids, item ids and categories
 * goes through {@link SamplesBuilder} (and its CSV writer) and back through {@link SamplesReader}. The builder either
 * refuses, exactly when {@link CellValues} says some text cannot be a cell, with errors that name a row and the
 * value; or it writes a file the reader reads, whose rows, mapped back with {@link CellValues#rawText}, are the rows
 * of the same build with every item and category replaced by a plain alias ({@code v0}, {@code v1}, ...): the
 * escaping loses nothing and changes nothing else. Both protocols are built from every input.
 *
 * <p>An input is UTF-8 text (malformed bytes read as U+FFFD, as the raw-log readers never pass them on), its
 * strings separated by the byte {@code 0xFF}, which no UTF-8 text holds. The strings become items, each with the
 * next string as its category, and one more item, {@code untouched}, with the first string as its category; the
 * first and the last string are users who touch every item but that one in order (the last user twice at the same
 * second), then the first item again. (An input that names {@code untouched} itself gives NEXT_ITEM no negative
 * to sample, so no rows: a seed keeps that case.)
 *
 * <p>The ordinary test run replays the seed corpus (resources {@code SamplesBuilderFuzzTestInputs/
 * arbitraryTextRoundTrips}); see the README to fuzz.
 */
class SamplesBuilderFuzzTest {

    private static final byte SEPARATOR = (byte) 0xFF;
    private static final int MAX_STRINGS = 8;
    private static final int MAX_LENGTH = 3;
    private static final String UNTOUCHED_ITEM = "untouched";

    // No line breaks in the dictionary (Jazzer 0.30 writes them unescaped); the seeds have them.
    @FuzzTest
    @DictionaryEntries({"|", "^", ",", ";", "\t", "%", "%2C", "%25", "%7C", "\"", "\"\"", "\uFEFF", "\u0000",
            "Bags, Cases & Sleeves"})
    void arbitraryTextRoundTrips(byte[] input) {
        List<String> strings = strings(input);
        if (strings.isEmpty()) {
            return;
        }
        for (BuildProtocol protocol : BuildProtocol.values()) {
            check(input, strings, BuildOptions.defaults(protocol).withMaxLength(MAX_LENGTH));
        }
    }

    private static void check(byte[] input, List<String> strings, BuildOptions options) {
        Map<String, String> catalog = catalog(strings);
        List<Interaction> log = log(strings);
        List<String> unwritable = unwritable(catalog, log);
        Build built;
        try {
            built = Build.of(log, catalog, options);
        } catch (DataFormatException refusal) {
            requireNamedRefusal(input, refusal, unwritable);
            return;
        } catch (Throwable unexpected) {
            throw FuzzFinding.of(input, options.protocol() + ": the builder threw " + unexpected, unexpected);
        }
        if (!unwritable.isEmpty()) {
            throw FuzzFinding.of(input, options.protocol() + ": the builder wrote " + unwritable
                    + ", which no cell can hold", null);
        }
        Aliases aliases = new Aliases();
        Build reference = Build.of(aliases.log(log), aliases.catalog(catalog), options);
        List<List<String>> rows = read(input, built, options);
        List<List<String>> expected = read(input, reference, options).stream().map(aliases::unalias).toList();
        if (!rows.equals(expected)) {
            throw FuzzFinding.of(input, options.protocol() + ": the rows read back " + rows
                    + " are not the rows built " + expected, null);
        }
    }

    /** The input's strings: UTF-8 text between 0xFF bytes. */
    private static List<String> strings(byte[] input) {
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length && strings.size() < MAX_STRINGS; i++) {
            if (i == input.length || input[i] == SEPARATOR) {
                strings.add(new String(input, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return strings;
    }

    private static Map<String, String> catalog(List<String> strings) {
        Map<String, String> categories = new LinkedHashMap<>();
        for (int i = 0; i < strings.size(); i++) {
            categories.putIfAbsent(strings.get(i), strings.get((i + 1) % strings.size()));
        }
        categories.putIfAbsent(UNTOUCHED_ITEM, strings.get(0));
        return categories;
    }

    private static List<Interaction> log(List<String> strings) {
        List<String> touched = List.copyOf(new LinkedHashSet<>(strings));
        List<Interaction> log = new ArrayList<>();
        for (String user : List.of(strings.get(0), strings.get(strings.size() - 1))) {
            boolean last = !log.isEmpty();
            for (int k = 0; k <= touched.size(); k++) {
                String item = touched.get(k % touched.size());
                long timestamp = last && k == touched.size() ? 10L * k - 10 : 10L * k;
                log.add(new Interaction(log.size() + 1, user, item, timestamp, k % 2 == 0 ? 5 : 1));
            }
        }
        return log;
    }

    /** The texts that cannot be written, by {@link CellValues}: the reasons the builder must refuse. */
    private static List<String> unwritable(Map<String, String> catalog, List<Interaction> log) {
        List<String> texts = new ArrayList<>();
        catalog.forEach((item, category) -> {
            if (CellValues.sequenceValueProblem(item) != null) {
                texts.add(item);
            }
            if (CellValues.sequenceValueProblem(category) != null) {
                texts.add(category);
            }
        });
        log.stream().map(Interaction::user).filter(user -> CellValues.cellProblem(user) != null).forEach(texts::add);
        return texts;
    }

    private static void requireNamedRefusal(byte[] input, DataFormatException refusal, List<String> unwritable) {
        if (unwritable.isEmpty()) {
            throw FuzzFinding.of(input, "the builder refused text that cells can hold: " + refusal.errors(), refusal);
        }
        for (RowError error : refusal.errors()) {
            boolean namesValue = unwritable.stream().anyMatch(text -> error.reason().contains(CellValues.quoted(text)));
            boolean namesRow = error.row() > 0 || !"user".equals(error.column());
            if (!namesValue || !namesRow) {
                throw FuzzFinding.of(input, "a refusal that does not name the row and the value: " + error, refusal);
            }
        }
    }

    /**
     * Every row read, with item and category values mapped back to raw text: group, user, item, category, the
     * sequences' values each followed by a null, label and split.
     */
    private static List<List<String>> read(byte[] input, Build build, BuildOptions options) {
        List<List<String>> rows = new ArrayList<>();
        if (build.result().rows() == 0) {
            return rows;
        }
        try {
            new SamplesReader(build.result().schema()).read(new ByteArrayInputStream(build.csv()),
                    row -> rows.add(describe(row)));
        } catch (DataFormatException e) {
            throw FuzzFinding.of(input, options.protocol() + ": the reader refused what the builder wrote: "
                    + e.errors() + "\n" + new String(build.csv(), StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static List<String> describe(SampleRow row) {
        List<String> parts = new ArrayList<>(List.of(row.group(), row.categorical()[0],
                CellValues.rawText(row.categorical()[1]), CellValues.rawText(row.categorical()[2])));
        for (SequenceCell sequence : row.sequences()) {
            for (String value : sequence.values()) {
                parts.add(CellValues.rawText(value));
            }
            parts.add(null);
        }
        parts.add(row.label() + " " + row.split());
        return parts;
    }

    private record Build(BuildResult result, byte[] csv) {

        static Build of(List<Interaction> log, Map<String, String> catalog, BuildOptions options) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                return new Build(SamplesBuilder.build(log, new ItemCatalog(catalog), options, out), out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Plain names for items and categories, which need no escaping, and the way back. */
    private static final class Aliases {
        private final Map<String, String> aliasOf = new HashMap<>();
        private final Map<String, String> textOf = new HashMap<>();

        String alias(String text) {
            return aliasOf.computeIfAbsent(text, t -> {
                String alias = "v" + aliasOf.size();
                textOf.put(alias, t);
                return alias;
            });
        }

        Map<String, String> catalog(Map<String, String> catalog) {
            Map<String, String> aliased = new LinkedHashMap<>();
            catalog.forEach((item, category) -> aliased.put(alias(item), alias(category)));
            return aliased;
        }

        List<Interaction> log(List<Interaction> log) {
            return log.stream().map(event -> new Interaction(event.line(), event.user(), alias(event.item()),
                    event.timestamp(), event.rating())).toList();
        }

        /** A described row of the aliased build with its item and category values as the raw text. */
        List<String> unalias(List<String> row) {
            List<String> parts = new ArrayList<>(row);
            for (int i = 2; i < parts.size() - 1; i++) {
                if (parts.get(i) != null) {
                    parts.set(i, Objects.requireNonNull(textOf.get(parts.get(i)), parts.get(i)));
                }
            }
            return parts;
        }
    }
}
