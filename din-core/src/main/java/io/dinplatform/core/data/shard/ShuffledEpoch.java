package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;

/**
 * One epoch's rows of a split in a bounded shuffle, deterministic for (seed, epoch): the shards are read in an order
 * shuffled per epoch; consecutive shards of that order are grouped into windows of at most
 * {@code shuffleBufferRows} rows (a window holds at least one shard), and the rows of each window are shuffled
 * together. Memory is bounded by the window being read and the next one, which is fetched in the background.
 *
 * <p>Why windows rather than a reservoir-style buffer (one row out, the next row in): the order is then a pure
 * function of (seed, epoch, shard sizes, buffer size), so the position to resume from is a row offset into the
 * epoch and a checkpoint needs to store no buffer content. A resumed epoch skips whole windows without reading them.
 */
public final class ShuffledEpoch implements AutoCloseable {

    /** Rows {@code rows[from..to)} of {@code data}: one mini-batch, valid until the next {@link #next}. */
    public record Batch(EncodedDataset data, int[] rows, int from, int to) {

        public int size() {
            return to - from;
        }
    }

    private record Window(EncodedDataset data, int[] order) {
    }

    private final ShardedDataset data;
    private final Split split;
    private final Prefetcher prefetcher;
    private final List<int[]> windows = new ArrayList<>();
    private final List<Long> windowRowCounts = new ArrayList<>();
    private final List<Long> windowSeeds = new ArrayList<>();
    /** Where to start in the first window read: the resumed position. */
    private int resumeAt;
    private int nextWindow;
    private Future<Window> pending;
    private Window current;
    private int position;

    /**
     * @param startRow the rows of the epoch already trained on (a multiple of the batch size when resuming)
     */
    public ShuffledEpoch(ShardedDataset data, Split split, long seed, int epoch, int shuffleBufferRows, long startRow,
                         Prefetcher prefetcher) {
        if (shuffleBufferRows < 1) {
            throw new IllegalArgumentException("the shuffle buffer must hold at least one row, got "
                    + shuffleBufferRows);
        }
        this.data = data;
        this.split = split;
        this.prefetcher = prefetcher;
        int[] shardRows = data.shardRows(split);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        List<Integer> window = new ArrayList<>();
        long windowRows = 0;
        for (int shard : permutation(shardRows.length, random)) {
            if (!window.isEmpty() && windowRows + shardRows[shard] > shuffleBufferRows) {
                addWindow(window, windowRows, random);
                window.clear();
                windowRows = 0;
            }
            window.add(shard);
            windowRows += shardRows[shard];
        }
        if (!window.isEmpty()) {
            addWindow(window, windowRows, random);
        }
        long skipped = 0;
        while (nextWindow < windows.size() && skipped + windowRowCounts.get(nextWindow) <= startRow) {
            skipped += windowRowCounts.get(nextWindow++);
        }
        this.resumeAt = Math.toIntExact(startRow - skipped);
        if (nextWindow < windows.size()) {
            pending = fetchWindow(nextWindow++);
        }
    }

    /**
     * The next {@code size} rows, or fewer at the end of the epoch (none once it is over). A batch that spans two
     * windows is gathered into a small dataset of its own.
     */
    public Batch next(int size) {
        advanceIfDone();
        if (current == null) {
            return new Batch(null, new int[0], 0, 0);
        }
        if (position + size <= current.order.length) {
            Batch batch = new Batch(current.data, current.order, position, position + size);
            position += size;
            return batch;
        }
        List<EncodedDataset> parts = new ArrayList<>();
        int wanted = size;
        while (wanted > 0) {
            advanceIfDone();
            if (current == null) {
                break;
            }
            int take = Math.min(wanted, current.order.length - position);
            parts.add(current.data.select(current.order, position, position + take));
            position += take;
            wanted -= take;
        }
        // Groups are renumbered by the concatenation; training does not read them.
        EncodedDataset gathered = parts.size() == 1 ? parts.get(0) : EncodedDataset.concatenate(parts);
        return new Batch(gathered, identity(gathered.size()), 0, gathered.size());
    }

    @Override
    public void close() {
        Prefetcher.discard(pending);
        pending = null;
        current = null;
    }

    /** Moves to the next window once the current one is used up (to nothing at the end of the epoch). */
    private void advanceIfDone() {
        while (current == null || position == current.order.length) {
            if (pending == null) {
                current = null;
                return;
            }
            current = Prefetcher.await(pending);
            pending = nextWindow < windows.size() ? fetchWindow(nextWindow++) : null;
            position = resumeAt;
            resumeAt = 0;
        }
    }

    private void addWindow(List<Integer> shards, long rows, SplittableRandom random) {
        windows.add(shards.stream().mapToInt(Integer::intValue).toArray());
        windowRowCounts.add(rows);
        windowSeeds.add(random.nextLong());
    }

    private Future<Window> fetchWindow(int index) {
        int[] shards = windows.get(index);
        long seed = windowSeeds.get(index);
        return prefetcher.fetch(() -> {
            List<EncodedDataset> parts = new ArrayList<>(shards.length);
            for (int shard : shards) {
                parts.add(data.shard(split, shard));
            }
            EncodedDataset rows = parts.size() == 1 ? parts.get(0) : EncodedDataset.concatenate(parts);
            return new Window(rows, permutation(rows.size(), new SplittableRandom(seed)));
        });
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
