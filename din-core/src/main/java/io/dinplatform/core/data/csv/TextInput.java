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
 * Turns an uploaded byte stream into text: gzip is recognised by its magic bytes (not by a file name, which an upload
 * may not have), and bytes that are not valid in the charset are an error instead of silently replaced characters.
 */
public final class TextInput {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private TextInput() {
    }

    /** The stream itself, or its decompressed content when it starts with the gzip magic bytes. */
    public static InputStream decompressIfGzipped(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first != GZIP_MAGIC_1 || second != GZIP_MAGIC_2) {
            return in;
        }
        try {
            return new GZIPInputStream(in, BUFFER_BYTES);
        } catch (ZipException | EOFException e) {
            throw DataFormatException.of(0, null, "the file starts like gzip but its header is corrupt: " + e.getMessage());
        }
    }

    /** A strict decoding reader over the (possibly gzipped) stream. */
    public static Reader reader(InputStream raw, Charset charset) throws IOException {
        return new InputStreamReader(decompressIfGzipped(raw), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
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
        return "the compressed file is corrupt or truncated (" + e.getMessage() + ")";
    }
}
