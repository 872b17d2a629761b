package io.dinplatform.core.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutation-based input generation for the fuzz tests: takes valid input and breaks it the ways real files and
 * requests break (a byte flipped, a range cut or repeated, a stray quote, delimiter or line break, invalid UTF-8,
 * truncation), one to a few mutations at a time, all from one seeded random source so that every case reproduces.
 */
public final class Mutator {

    /** Bytes that mean something to a CSV or JSON reader, or to a UTF-8 decoder. */
    private static final byte[] INTERESTING = {'"', ',', '\n', '\r', '|', '^', '\\', '{', '}', '[', ']', ':', '-',
            '.', 'e', '0', '9', ' ', '\t', 0, (byte) 0xff, (byte) 0xc3, (byte) 0xed, (byte) 0xa0, (byte) 0x80,
            (byte) 0xef, (byte) 0xbb, (byte) 0xbf, 0x1f, (byte) 0x8b};

    private final SplittableRandom random;

    public Mutator(SplittableRandom random) {
        this.random = random;
    }

    /** The input with one to four mutations. */
    public byte[] mutate(byte[] input) {
        byte[] out = input;
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            out = mutateOnce(out);
        }
        return out;
    }

    private byte[] mutateOnce(byte[] in) {
        if (in.length == 0) {
            return new byte[] {interesting()};
        }
        int at = random.nextInt(in.length);
        return switch (random.nextInt(9)) {
            case 0 -> flipBit(in, at);
            case 1 -> replace(in, at, interesting());
            case 2 -> insert(in, at, new byte[] {interesting()});
            case 3 -> delete(in, at, 1 + random.nextInt(Math.min(16, in.length - at)));
            case 4 -> insert(in, at, Arrays.copyOfRange(in, at, Math.min(in.length, at + 1 + random.nextInt(64))));
            case 5 -> Arrays.copyOf(in, at);
            case 6 -> insert(in, at, randomBytes(1 + random.nextInt(8)));
            case 7 -> replace(in, at, (byte) random.nextInt(256));
            default -> insert(in, at, repeated(interesting(), 1 + random.nextInt(200)));
        };
    }

    private byte interesting() {
        return INTERESTING[random.nextInt(INTERESTING.length)];
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] flipBit(byte[] in, int at) {
        byte[] out = in.clone();
        out[at] ^= (byte) (1 << (at % 8));
        return out;
    }

    private static byte[] replace(byte[] in, int at, byte b) {
        byte[] out = in.clone();
        out[at] = b;
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] bytes) {
        byte[] out = new byte[in.length + bytes.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(in, at, out, at + bytes.length, in.length - at);
        return out;
    }

    private static byte[] delete(byte[] in, int at, int length) {
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    private static byte[] repeated(byte b, int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
