package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.data.samples.CellValues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an items file into an {@link ItemCatalog}. Errors name the line (from 1) and the field. An item id or a
 * category that cannot become a sequence value ({@link CellValues}: empty, or too long for a history) is refused
 * here, where its line is known.
 */
public final class ItemCatalogReader {

    /** The 19 genres of MovieLens 100K's {@code u.item} flags, in column order ({@code u.genre}). */
    public static final List<String> MOVIELENS_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private static final int MOVIELENS_FIRST_GENRE_FIELD = 5;

    private ItemCatalogReader() {
    }

    /**
     * MovieLens 100K's {@code u.item}: ISO-8859-1, {@code |}-separated, the movie id first and 19 genre flags last;
     * an item's category is its first flagged genre; its title, dates, URL and every flagged genre describe it.
     */
    public static ItemCatalog movieLens(InputStream in) throws IOException {
        return movieLens(in, TextLimit.NONE);
    }

    /** MovieLens' {@code u.item} (see {@link #movieLens(InputStream)}), refusing text longer than {@code limit}. */
    public static ItemCatalog movieLens(InputStream in, TextLimit limit) throws IOException {
        Map<String, String> categories = new LinkedHashMap<>();
        Map<String, ItemDescription> descriptions = new LinkedHashMap<>();
        DelimitedLines.read(in, StandardCharsets.ISO_8859_1, limit, '|', false, (line, fields, errors) -> {
            int expected = MOVIELENS_FIRST_GENRE_FIELD + MOVIELENS_GENRES.size();
            if (fields.length != expected) {
                errors.add(new RowError(line, null, "has " + fields.length + " fields separated by '|', a MovieLens"
                        + " u.item line has " + expected + " (id, title, dates, URL, 19 genre flags)"));
                return;
            }
            List<String> genres = flaggedGenres(line, fields, errors);
            if (genres != null && put(categories, line, fields[0], genres.isEmpty() ? MOVIELENS_GENRES.get(0)
                    : genres.get(0), errors)) {
                describe(descriptions, line, fields[0], fields[1], movieLensAttributes(fields, genres), errors);
            }
        });
        return catalog(categories, descriptions);
    }

    /** u.item's columns after the title, under stable names; the genres joined by '|'. */
    private static Map<String, String> movieLensAttributes(String[] fields, List<String> genres) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("releaseDate", fields[2]);
        attributes.put("videoReleaseDate", fields[3]);
        attributes.put("imdbUrl", fields[4]);
        attributes.put("genres", String.join("|", genres));
        attributes.values().removeIf(String::isEmpty);
        return attributes;
    }

    /** A delimited file of {@code item<delimiter>category} lines, optionally with a header. */
    public static ItemCatalog delimited(InputStream in, char delimiter, boolean header, Charset charset)
            throws IOException {
        return delimited(in, delimiter, header, charset, TextLimit.NONE);
    }

    /** A delimited items file (see above), refusing text longer than {@code limit}. */
    public static ItemCatalog delimited(InputStream in, char delimiter, boolean header, Charset charset,
                                        TextLimit limit) throws IOException {
        Map<String, String> categories = new LinkedHashMap<>();
        DelimitedLines.read(in, charset, limit, delimiter, header, (line, fields, errors) -> {
            if (fields.length < 2) {
                errors.add(new RowError(line, null, "expected item and category separated by '" + delimiter
                        + "', got " + fields.length + " field"));
                return;
            }
            put(categories, line, fields[0], fields[1], errors);
        });
        return catalog(categories);
    }

    /**
     * An RFC 4180 CSV items file, UTF-8, with a header: the item id first, its category second; a further column
     * named {@code title} (in any case) is the item's title, every other further column an attribute under its header
     * name. A category that holds a comma is quoted ({@code B01,"Bags, Cases & Sleeves"}); values are trimmed.
     */
    public static ItemCatalog csv(InputStream in, TextLimit limit) throws IOException {
        Map<String, String> categories = new LinkedHashMap<>();
        Map<String, ItemDescription> descriptions = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        CsvRecordReader csv = new CsvRecordReader(TextInput.reader(in, StandardCharsets.UTF_8, limit));
        try {
            String[] header = csv.next();
            if (header == null) {
                throw DataFormatException.of(0, null, "the file is empty");
            }
            String[] fields;
            while (errors.size() < DataFormatException.MAX_REPORTED_ERRORS && (fields = csv.next()) != null) {
                long line = csv.recordLine();
                if (fields.length == 1 && fields[0].isBlank()) {
                    continue;
                }
                if (fields.length < 2) {
                    errors.add(new RowError(line, null, "expected item and category separated by ',', got 1 field"));
                } else if (put(categories, line, fields[0].trim(), fields[1].trim(), errors)) {
                    describeCsv(descriptions, line, header, fields, errors);
                }
            }
        } catch (IOException e) {
            if (!TextInput.isContentError(e)) {
                throw e;
            }
            errors.add(new RowError(csv.recordLine(), null,
                    TextInput.describeContentError(e, StandardCharsets.UTF_8)));
        } catch (DataFormatException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new DataFormatException(errors);
        }
        return catalog(categories, descriptions);
    }

    /** The columns after id and category: the one named title, and the others by their header names. */
    private static void describeCsv(Map<String, ItemDescription> descriptions, long line, String[] header,
                                    String[] fields, List<RowError> errors) {
        String title = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 2; i < Math.min(header.length, fields.length); i++) {
            String name = header[i].trim();
            String value = fields[i].trim();
            if (name.equalsIgnoreCase("title")) {
                title = value.isEmpty() ? null : value;
            } else if (!name.isEmpty() && !value.isEmpty()) {
                attributes.put(name, value);
            }
        }
        describe(descriptions, line, fields[0].trim(), title, attributes, errors);
    }

    /** The genres flagged on a line, in u.genre's order; null after reporting a flag that is not 0 or 1. */
    private static List<String> flaggedGenres(long line, String[] fields, List<RowError> errors) {
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < MOVIELENS_GENRES.size(); g++) {
            String flag = fields[MOVIELENS_FIRST_GENRE_FIELD + g];
            if (!flag.equals("0") && !flag.equals("1")) {
                errors.add(new RowError(line, "genre " + MOVIELENS_GENRES.get(g), "a genre flag must be 0 or 1, got '"
                        + flag + "'"));
                return null;
            }
            if (flag.equals("1")) {
                genres.add(MOVIELENS_GENRES.get(g));
            }
        }
        return genres;
    }

    /** Adds the item's category; false after reporting why it cannot be added. */
    private static boolean put(Map<String, String> categories, long line, String item, String category,
                               List<RowError> errors) {
        String itemProblem = CellValues.sequenceValueProblem(item);
        String categoryProblem = CellValues.sequenceValueProblem(category);
        if (itemProblem != null) {
            errors.add(new RowError(line, "item", "the item id " + CellValues.quoted(item) + " " + itemProblem));
        } else if (categoryProblem != null) {
            errors.add(new RowError(line, "category", "the category " + CellValues.quoted(category) + " "
                    + categoryProblem));
        } else if (categories.putIfAbsent(item, category) != null) {
            errors.add(new RowError(line, "item", "item '" + item + "' is listed twice"));
        } else {
            return true;
        }
        return false;
    }

    /** Records the item's title and further columns, refusing text no item can hold ({@link CatalogItem}). */
    private static void describe(Map<String, ItemDescription> descriptions, long line, String item, String title,
                                 Map<String, String> attributes, List<RowError> errors) {
        String titleProblem = title == null ? null : CatalogItem.textProblem(title);
        if (titleProblem != null) {
            errors.add(new RowError(line, "title", "the title " + titleProblem));
            return;
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String problem = CatalogItem.textProblem(attribute.getValue());
            if (problem != null) {
                errors.add(new RowError(line, attribute.getKey(), "the " + attribute.getKey() + " " + problem));
                return;
            }
        }
        if (title != null || !attributes.isEmpty()) {
            descriptions.put(item, new ItemDescription(title, attributes));
        }
    }

    private static ItemCatalog catalog(Map<String, String> categories) {
        return catalog(categories, Map.of());
    }

    private static ItemCatalog catalog(Map<String, String> categories, Map<String, ItemDescription> descriptions) {
        if (categories.isEmpty()) {
            throw DataFormatException.of(0, null, "the items file lists no item");
        }
        return new ItemCatalog(categories, descriptions);
    }
}
