package io.dinplatform.core.data.items;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.samples.CellValues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an items table: RFC 4180 CSV, UTF-8 (optionally gzipped), with a header naming its columns. {@code id} and
 * {@code title} are required, {@code category} is optional (names match in any case and order), and every further
 * column becomes an attribute under its header name. Ids are the values the samples file holds, taken as they are.
 *
 * <p>The table is refused as a whole: every problem (a missing column, a row of the wrong width, an empty or repeated
 * id, text no item can hold) is collected with its row (from 1 after the header; 0 for the header) and column and
 * thrown together, so a caller registers nothing from a bad file.
 */
public final class ItemTableReader {

    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String CATEGORY = "category";

    private ItemTableReader() {
    }

    /**
     * The items in file order.
     *
     * @param limit     the bound on the (decompressed) text
     * @param itemLimit the most items the table may list
     * @throws DataFormatException naming each row and column that is wrong
     */
    public static List<CatalogItem> read(InputStream in, TextLimit limit, ItemLimit itemLimit) throws IOException {
        List<RowError> errors = new ArrayList<>();
        List<CatalogItem> items = new ArrayList<>();
        CsvRecordReader csv = new CsvRecordReader(TextInput.reader(in, StandardCharsets.UTF_8, limit));
        try {
            Header header = Header.of(csv.next());
            Set<String> ids = new HashSet<>();
            String[] fields;
            while (errors.size() < DataFormatException.MAX_REPORTED_ERRORS && (fields = csv.next()) != null) {
                if (fields.length == 1 && fields[0].isBlank()) {
                    continue;
                }
                if (items.size() == itemLimit.maxItems()) {
                    throw DataFormatException.of(csv.recordNumber(), null, "the items file lists more than "
                            + itemLimit.maxItems() + " items (setting " + itemLimit.setting() + ")");
                }
                header.item(csv.recordNumber(), fields, ids, errors).ifPresent(items::add);
            }
        } catch (IOException e) {
            if (!TextInput.isContentError(e)) {
                throw e;
            }
            errors.add(new RowError(Math.max(0, csv.recordNumber()), null,
                    TextInput.describeContentError(e, StandardCharsets.UTF_8)));
        } catch (DataFormatException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new DataFormatException(errors);
        }
        if (items.isEmpty()) {
            throw DataFormatException.of(0, null, "the items file lists no item");
        }
        return items;
    }

    /** The header's columns: where id, title and category are, and the names of the others. */
    private record Header(String[] names, int id, int title, int category) {

        static Header of(String[] fields) {
            if (fields == null) {
                throw DataFormatException.of(0, null, "the items file is empty; its first line is the header "
                        + "(id,title,category,...)");
            }
            List<RowError> errors = new ArrayList<>();
            String[] names = new String[fields.length];
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].trim();
                String problem = names[i].isEmpty() ? "is empty" : CatalogItem.textProblem(names[i]);
                if (problem != null) {
                    errors.add(new RowError(0, "column " + (i + 1), "the column name " + problem));
                } else if (positions.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i) != null) {
                    errors.add(new RowError(0, names[i], "the column '" + names[i] + "' is named twice"));
                }
            }
            boolean named = errors.isEmpty();
            for (String required : List.of(ID, TITLE)) {
                if (named && !positions.containsKey(required)) {
                    errors.add(new RowError(0, required, "the header has no column '" + required + "' (expected "
                            + "id,title,category,... and got " + String.join(",", names) + ")"));
                }
            }
            if (!errors.isEmpty()) {
                throw new DataFormatException(errors);
            }
            return new Header(names, positions.get(ID), positions.get(TITLE), positions.getOrDefault(CATEGORY, -1));
        }

        /** The row's item, or empty after adding what is wrong with it to {@code errors}. */
        Optional<CatalogItem> item(long row, String[] fields, Set<String> ids, List<RowError> errors) {
            if (fields.length != names.length) {
                errors.add(new RowError(row, null, "has " + fields.length + " fields, the header has "
                        + names.length));
                return Optional.empty();
            }
            int before = errors.size();
            String id = fields[this.id].trim();
            String idProblem = id.isEmpty() ? "is empty" : CatalogItem.textProblem(id);
            if (idProblem != null) {
                errors.add(new RowError(row, ID, "the item id " + CellValues.quoted(id) + " " + idProblem));
            } else if (!ids.add(id)) {
                errors.add(new RowError(row, ID, "item '" + id + "' is listed twice"));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                String value = fields[i].trim();
                String problem = CatalogItem.textProblem(value);
                if (i != this.id && problem != null) {
                    errors.add(new RowError(row, names[i], "the " + names[i] + " " + problem));
                } else if (i != this.id && i != title && i != category && !value.isEmpty()) {
                    attributes.put(names[i], value);
                }
            }
            if (errors.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new CatalogItem(id, emptyAsNull(fields[title]),
                    category < 0 ? null : emptyAsNull(fields[category]), attributes));
        }

        private static String emptyAsNull(String value) {
            String trimmed = value.trim();
            return trimmed.isEmpty() ? null : trimmed;
        }
    }
}
