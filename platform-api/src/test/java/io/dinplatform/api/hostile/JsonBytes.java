package io.dinplatform.api.hostile;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Breaks JSON text the way a broken client or a hostile one does: a structural character dropped, doubled or
 * swapped for another, a stray escape, invalid UTF-8, the text cut short. Seeded, so every case reproduces.
 */
public final class JsonBytes {

    private static final byte[] STRUCTURAL = {'{', '}', '[', ']', ',', ':', '"', '\\', '-', '.', 'e', '0', 'n',
            't', ' ', 0, (byte) 0xff, (byte) 0xc3, (byte) 0xed};

    private final SplittableRandom random;

    public JsonBytes(SplittableRandom random) {
        this.random = random;
    }

    /** The text with one to three mutations. */
    public byte[] mutate(byte[] json) {
        byte[] out = json;
        for (int m = 0; m < 1 + random.nextInt(3); m++) {
            if (out.length == 0) {
                return new byte[] {structural()};
            }
            int at = random.nextInt(out.length);
            out = switch (random.nextInt(5)) {
                case 0 -> splice(out, at, 1, new byte[0]);
                case 1 -> splice(out, at, 0, new byte[] {structural()});
                case 2 -> splice(out, at, 1, new byte[] {structural()});
                case 3 -> splice(out, at, 0, Arrays.copyOfRange(out, at, Math.min(out.length, at + 32)));
                default -> Arrays.copyOf(out, at);
            };
        }
        return out;
    }

    private byte structural() {
        return STRUCTURAL[random.nextInt(STRUCTURAL.length)];
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        int removed = Math.min(remove, in.length - at);
        byte[] out = new byte[in.length - removed + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + removed, out, at + insert.length, in.length - at - removed);
        return out;
    }
}
