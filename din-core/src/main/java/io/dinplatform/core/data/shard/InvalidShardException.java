package io.dinplatform.core.data.shard;

import java.io.IOException;

/**
 * A shard that cannot be used: its bytes do not hash to the address its manifest lists, it is missing, or it does
 * not decode. The dataset it belongs to must be encoded again; nothing read from it has been used.
 */
public class InvalidShardException extends IOException {

    public InvalidShardException(String message) {
        super(message);
    }
}
