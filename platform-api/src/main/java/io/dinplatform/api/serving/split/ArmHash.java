package io.dinplatform.api.serving.split;

import java.nio.charset.StandardCharsets;

/**
 * The stable hash that assigns a group id to an arm of a split: 64-bit FNV-1a over the UTF-8 bytes of model, alias
 * and group id (each followed by a zero byte, so that no two triples share their bytes), finished with MurmurHash3's
 * 64-bit mixer so that every bit of the result depends on every input byte. It is the same on every replica, in every
 * process and across releases, which {@code String.hashCode} does not promise; the model and the alias are part of it
 * so that a user in the 10 % arm of one split is not always in the 10 % of every other.
 */
public final class ArmHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ArmHash() {
    }

    /** A bucket in [0, total), uniform over group ids. */
    public static long bucket(String model, String alias, String groupId, long total) {
        long hash = FNV_OFFSET;
        hash = mix(hash, model);
        hash = mix(hash, alias == null ? "" : alias);
        hash = mix(hash, groupId);
        return Long.remainderUnsigned(finish(hash), total);
    }

    private static long mix(long hash, String part) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash * FNV_PRIME; // the zero byte after the part (x ^ 0 == x)
    }

    /** MurmurHash3's fmix64. */
    private static long finish(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb93fe53e94c3L;
        hash ^= hash >>> 33;
        return hash;
    }
}
