package io.dinplatform.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Small, valid samples files in the format of docs/architecture.md, 'The samples format and the schema', and the
 * schema that describes them.
 */
public final class SamplesCsv {

    public static final String HEADER = "user_id,item_id,cate_id,hist_item_id,hist_cate_id,label";

    public static final String SCHEMA = """
            {"label": "label", "group": "user_id",
             "features": [{"name": "user_id", "kind": "CATEGORICAL"},
                          {"name": "item_id", "kind": "CATEGORICAL"}, {"name": "cate_id", "kind": "CATEGORICAL"},
                          {"name": "hist_item_id", "kind": "SEQUENCE", "target": "item_id", "maxLength": 5},
                          {"name": "hist_cate_id", "kind": "SEQUENCE", "target": "cate_id", "maxLength": 5}]}
            """;

    private SamplesCsv() {
    }

    /** {@code rows} rows over 10 users; {@code salt} changes the items so that two files differ. */
    public static String rows(int rows, int salt) {
        return rows(rows, salt, 10);
    }

    /** {@code rows} rows over {@code users} users (enough of them, and the default split has test users). */
    public static String rows(int rows, int salt, int users) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int r = 0; r < rows; r++) {
            int user = r % users;
            int item = 100 + (r * 7 + salt) % 50;
            csv.append("u").append(user).append(',')
                    .append("i").append(item).append(',')
                    .append("c").append(item % 5).append(',')
                    .append(r % 4 == 0 ? "" : "i" + (item + 1) + "|i" + (item + 2)).append(',')
                    .append(r % 4 == 0 ? "" : "c" + ((item + 1) % 5) + "|c" + ((item + 2) % 5)).append(',')
                    .append(r % 3 == 0 ? 1 : 0).append('\n');
        }
        return csv.toString();
    }

    public static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(String csv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
