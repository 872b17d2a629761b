package io.dinplatform.core.data.csv;

import io.dinplatform.core.data.DataFormatException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns an uploaded byte stream into text; the one place that knows about compression. Gzip is recognised by its
 * magic bytes (not by a file name, which an upload may not have) and decompressed once: a gzip inside a gzip is
 * refused, since a second decompression would escape the bound. The text is bounded by a {@link TextLimit}, and bytes
 * that are not valid in the charset are an error instead of silently replaced characters.
 */
public final class TextInput {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private TextInput() {
    }

    /**
     * The text bytes of {@code raw}: its decompressed content when it starts with the gzip magic bytes, itself
     * otherwise; reading more than {@code limit} of them throws a {@link DataFormatException}.
     *
     * @throws DataFormatException when the gzip header is corrupt or the content is gzipped twice
     */
    public static InputStream open(InputStream raw, TextLimit limit) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        return new BoundedText(startsLikeGzip(in) ? decompressed(in) : in, limit);
    }

    /** A strict decoding reader over the text of the (possibly gzipped) stream, bounded to {@code limit}. */
    public static Reader reader(InputStream raw, Charset charset, TextLimit limit) throws IOException {
        return new InputStreamReader(open(raw, limit), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** A strict decoding reader over the text of the (possibly gzipped) stream, without a limit. */
    public static Reader reader(InputStream raw, Charset charset) throws IOException {
        return reader(raw, charset, TextLimit.NONE);
    }

    /**
     * Whether an I/O failure while reading is the content's fault (corrupt gzip, truncated gzip, bytes that are not
     * text in the charset) rather than the storage's: callers report those as a {@link DataFormatException}.
     */
    public static boolean isContentError(IOException e) {
        return e instanceof ZipException || e instanceof EOFException || e instanceof CharacterCodingException;
    }

    /** The reason to report for a content error (see {@link #isContentError}). */
    public static String describeContentError(IOException e, Charset charset) {
        if (e instanceof CharacterCodingException) {
            return "the file is not " + charset.name() + " text (" + e + ")";
        }
        return corruptCompression(e);
    }

    private static String corruptCompression(IOException e) {
        return "the compressed file is corrupt or truncated (" + e.getMessage() + ")";
    }

    private static InputStream decompressed(InputStream compressed) throws IOException {
        BufferedInputStream text;
        try {
            text = new BufferedInputStream(new GZIPInputStream(compressed, BUFFER_BYTES), BUFFER_BYTES);
        } catch (ZipException | EOFException e) {
            throw DataFormatException.of(0, null, "the file starts like gzip but its header is corrupt: "
                    + e.getMessage());
        }
        boolean compressedTwice;
        try {
            compressedTwice = startsLikeGzip(text);
        } catch (ZipException | EOFException e) {
            throw DataFormatException.of(0, null, corruptCompression(e));
        }
        if (compressedTwice) {
            throw DataFormatException.of(0, null, "the file is compressed twice (a gzip inside a gzip); compress "
                    + "it once");
        }
        return text;
    }

    /** Peeks at the first two bytes; the stream is left where it was. */
    private static boolean startsLikeGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }
}
