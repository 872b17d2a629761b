package io.dinplatform.api.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.hostile.HostileRequest.Expect;
import org.springframework.http.MediaType;

/**
 * Uploads and builds that must be refused: broken CSV, hostile schemas, a gzip bomb, missing parts. Each is sent as
 * a hand-made multipart body, so that any byte can be put in any part.
 */
final class HostileUploads {

    private static final String BOUNDARY = "hostile-boundary-7f3a";

    private HostileUploads() {
    }

    static void cases(List<HostileRequest> cases) {
        brokenFiles().forEach((description, file) -> cases.add(upload("samples: " + description, "hostile-upload",
                SamplesCsv.SCHEMA, file)));
        hostileSchemas().forEach((description, schema) -> cases.add(upload("schema: " + description,
                "hostile-upload", schema, SamplesCsv.bytes(SamplesCsv.rows(5, 0)))));
        cases.add(multipart("no file part", "/api/v1/datasets", List.of(field("name", "x"),
                field("schema", SamplesCsv.SCHEMA))));
        cases.add(multipart("no schema part", "/api/v1/datasets", List.of(field("name", "x"),
                file("file", SamplesCsv.bytes(SamplesCsv.rows(5, 0))))));
        cases.add(multipart("no name", "/api/v1/datasets", List.of(field("schema", SamplesCsv.SCHEMA),
                file("file", SamplesCsv.bytes(SamplesCsv.rows(5, 0))))));
        cases.add(new HostileRequest("a multipart body without its closing boundary", "POST", "/api/v1/datasets",
                MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY),
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx")
                        .getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
        builds(cases);
        items(cases);
    }

    /** A valid samples file with a hostile items table: refused whole, before the samples are stored. */
    private static void items(List<HostileRequest> cases) {
        Map<String, byte[]> tables = new LinkedHashMap<>();
        tables.put("an empty items file", new byte[0]);
        tables.put("random bytes", randomBytes(16 * 1024));
        tables.put("no title column", SamplesCsv.bytes("id,name\ni100,x\n"));
        tables.put("a NUL in a title", SamplesCsv.bytes("id,title\ni100,a\u0000b\n"));
        tables.put("an id listed twice", SamplesCsv.bytes("id,title\ni100,a\ni100,b\n"));
        tables.forEach((description, table) -> cases.add(multipart("items: " + description, "/api/v1/datasets",
                List.of(field("name", "hostile-upload"), field("schema", SamplesCsv.SCHEMA),
                        file("file", SamplesCsv.bytes(SamplesCsv.rows(5, 0))), file("items", table)))));
        String items = "/api/v1/datasets/" + HostileInputTest.DATASET + "/versions/1/items";
        cases.add(HostileRequest.bodiless("items: too many ids", "GET", items + "?ids=" + String.join(",",
                java.util.stream.IntStream.rangeClosed(0, 1_000).mapToObj(i -> "i" + i).toList()), Expect.REFUSED));
        cases.add(HostileRequest.bodiless("items: a page too large", "GET", items + "?limit=1000000", Expect.REFUSED));
        cases.add(HostileRequest.bodiless("items: a negative offset", "GET", items + "?offset=-1", Expect.REFUSED));
        cases.add(HostileRequest.bodiless("items: an offset beyond a long", "GET", items + "?offset=1e99",
                Expect.REFUSED));
    }

    /** A valid samples file uploaded under a hostile name. */
    static HostileRequest samples(String description, String name) {
        return upload(description, name, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(5, 0)));
    }

    private static HostileRequest upload(String description, String name, String schema, byte[] file) {
        return multipart(description, "/api/v1/datasets", List.of(field("name", name), field("schema", schema),
                file("file", file)));
    }

    private static Map<String, byte[]> brokenFiles() {
        String good = SamplesCsv.rows(5, 0);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("an empty file", new byte[0]);
        files.put("a header and no rows", SamplesCsv.bytes(SamplesCsv.HEADER + "\n"));
        files.put("only a byte order mark", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        files.put("random bytes", randomBytes(64 * 1024));
        files.put("invalid UTF-8 in a cell", concat(SamplesCsv.bytes(good + "u1,i"), new byte[] {(byte) 0xff},
                SamplesCsv.bytes("1,c1,,,1\n")));
        files.put("an unterminated quote", SamplesCsv.bytes(good + "u1,\"i1,c1,,,1\n"));
        files.put("text after a closing quote", SamplesCsv.bytes(good + "u1,\"i1\"x,c1,,,1\n"));
        files.put("a row with too many fields", SamplesCsv.bytes(good + "u1,i1,c1,,,1,extra\n"));
        files.put("a row with too few fields", SamplesCsv.bytes(good + "u1,i1\n"));
        files.put("a label of NaN", SamplesCsv.bytes(good + "u1,i1,c1,,,NaN\n"));
        files.put("a label of 2", SamplesCsv.bytes(good + "u1,i1,c1,,,2\n"));
        files.put("a label of -1", SamplesCsv.bytes(good + "u1,i1,c1,,,-1\n"));
        files.put("a label of Infinity", SamplesCsv.bytes(good + "u1,i1,c1,,,Infinity\n"));
        files.put("histories of unequal length", SamplesCsv.bytes(good + "u1,i1,c1,i2|i3,c2,1\n"));
        files.put("a header without the label", SamplesCsv.bytes(good.replace(",label", ",click")));
        files.put("a header naming a column twice", SamplesCsv.bytes(good.replace("cate_id,", "item_id,")));
        files.put("a 5,000,000-character field", SamplesCsv.bytes(good + "u1,\"" + "i".repeat(5_000_000)
                + "\",c1,,,1\n"));
        files.put("a truncated gzip", truncate(HostileInputTest.gzip(SamplesCsv.bytes(good)), 20));
        files.put("a gzip with a corrupt header", concat(new byte[] {0x1f, (byte) 0x8b, 0x00, 0x7f},
                randomBytes(100)));
        files.put("a gzip inside a gzip", HostileInputTest.gzip(HostileInputTest.gzip(SamplesCsv.bytes(good))));
        files.put("a zip archive instead of a gzip", concat(new byte[] {0x50, 0x4b, 0x03, 0x04}, randomBytes(200)));
        files.put("a gzip bomb of two million rows", gzipBombOfRows());
        files.put("a gzip bomb of 100 MB of zero bytes", gzipOf(new byte[100 << 20]));
        return files;
    }

    private static Map<String, String> hostileSchemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("not JSON", "label=label");
        schemas.put("empty", "");
        schemas.put("a JSON array", "[]");
        schemas.put("deeply nested", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        schemas.put("no features", "{\"label\": \"label\", \"features\": []}");
        schemas.put("more features than allowed", "{\"label\": \"label\", \"features\": [" + String.join(",",
                java.util.stream.IntStream.range(0, 300).mapToObj(i -> "{\"name\": \"f" + i
                        + "\", \"kind\": \"CATEGORICAL\"}").toList()) + "]}");
        schemas.put("a history longer than allowed", SamplesCsv.SCHEMA.replace("\"maxLength\": 5",
                "\"maxLength\": 5000"));
        schemas.put("a huge maxLength", SamplesCsv.SCHEMA.replace("\"maxLength\": 5", "\"maxLength\": 1e12"));
        schemas.put("a negative maxLength", SamplesCsv.SCHEMA.replace("\"maxLength\": 5", "\"maxLength\": -1"));
        schemas.put("a NaN maxLength", SamplesCsv.SCHEMA.replace("\"maxLength\": 5", "\"maxLength\": NaN"));
        schemas.put("an unknown kind", SamplesCsv.SCHEMA.replace("\"CATEGORICAL\"", "\"EXECUTABLE\""));
        schemas.put("a sequence without its target", SamplesCsv.SCHEMA.replace("\"target\": \"item_id\", ", ""));
        schemas.put("a feature name with a path", SamplesCsv.SCHEMA.replace("\"cate_id\", \"kind\"",
                "\"../../etc/passwd\", \"kind\""));
        schemas.put("a feature name with SQL", SamplesCsv.SCHEMA.replace("\"user_id\", \"kind\"",
                "\"'; DROP TABLE datasets; --\", \"kind\""));
        schemas.put("a label that is a number", SamplesCsv.SCHEMA.replace("\"label\": \"label\"", "\"label\": 7"));
        return schemas;
    }

    private static void builds(List<HostileRequest> cases) {
        byte[] interactions = SamplesCsv.bytes("1\t1\t5\t881250949\n1\t2\t3\t881250950\n");
        byte[] items = SamplesCsv.bytes("1|Toy Story|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
        Map<String, List<Part>> builds = new LinkedHashMap<>();
        builds.put("an unknown protocol", List.of(field("name", "b"), field("protocol", "HACK"),
                file("interactions", interactions), file("items", items)));
        builds.put("a negative history length", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                field("maxLength", "-1"), file("interactions", interactions), file("items", items)));
        builds.put("a NaN fraction", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                field("validFraction", "NaN"), file("interactions", interactions), file("items", items)));
        builds.put("a seed that is not a number", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                field("seed", "seven"), file("interactions", interactions), file("items", items)));
        builds.put("a SQL name", List.of(field("name", "b'; DROP TABLE datasets; --"),
                field("protocol", "RATING_THRESHOLD"), file("interactions", interactions), file("items", items)));
        builds.put("random interactions", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                file("interactions", randomBytes(10_000)), file("items", items)));
        builds.put("a gzip bomb of interactions", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                file("interactions", gzipOf(new byte[100 << 20])), file("items", items)));
        builds.put("no items", List.of(field("name", "b"), field("protocol", "RATING_THRESHOLD"),
                file("interactions", interactions)));
        builds.forEach((description, parts) -> cases.add(multipart("build: " + description,
                "/api/v1/datasets/builds", parts)));
    }

    /** A multipart part: a form field or a file. */
    record Part(String name, String filename, byte[] content) {
    }

    static Part field(String name, String value) {
        return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
    }

    static Part file(String name, byte[] content) {
        return new Part(name, name + ".csv", content);
    }

    static HostileRequest multipart(String description, String path, List<Part> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            String disposition = "form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"");
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: "
                    + (part.filename() == null ? "text/plain; charset=UTF-8" : "application/octet-stream")
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new HostileRequest(description, "POST", path,
                MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY), body.toByteArray(),
                Expect.REFUSED);
    }

    /** Two million copies of one valid row: more rows than the tests' din.datasets.max-rows (one million). */
    private static byte[] gzipBombOfRows() {
        byte[] row = SamplesCsv.bytes("u1,i1,c1,,,1\n");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(SamplesCsv.bytes(SamplesCsv.HEADER + "\n"));
        for (int i = 0; i < 2_000_000; i++) {
            raw.write(row, 0, row.length);
        }
        return gzipOf(raw.toByteArray());
    }

    private static byte[] gzipOf(byte[] content) {
        return HostileInputTest.gzip(content);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] truncate(byte[] bytes, int drop) {
        return java.util.Arrays.copyOf(bytes, bytes.length - drop);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
