package io.dinplatform.core.data.parquet;

import java.io.IOException;

/** A file that begins like Parquet but cannot be read as Parquet: damaged, truncated, or of an unknown encoding. */
public class ParquetFormatException extends IOException {

    public ParquetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
