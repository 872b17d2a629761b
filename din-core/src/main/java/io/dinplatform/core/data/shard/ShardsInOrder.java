package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;

import java.util.NoSuchElementException;
import java.util.concurrent.Future;

/** The shards of a split in file order, each fetched in the background while the one before it is used. */
public final class ShardsInOrder implements AutoCloseable {

    private final ShardedDataset data;
    private final Split split;
    private final Prefetcher prefetcher;
    private final int count;
    private int next;
    private Future<EncodedDataset> pending;

    public ShardsInOrder(ShardedDataset data, Split split, Prefetcher prefetcher) {
        this.data = data;
        this.split = split;
        this.prefetcher = prefetcher;
        this.count = data.shardRows(split).length;
        if (count > 0) {
            pending = fetch(next++);
        }
    }

    public boolean hasNext() {
        return pending != null;
    }

    /** The next shard; the one after it starts loading now. */
    public EncodedDataset next() {
        if (pending == null) {
            throw new NoSuchElementException("no shard left in the " + split + " split");
        }
        EncodedDataset shard = Prefetcher.await(pending);
        pending = next < count ? fetch(next++) : null;
        return shard;
    }

    @Override
    public void close() {
        Prefetcher.discard(pending);
        pending = null;
    }

    private Future<EncodedDataset> fetch(int index) {
        return prefetcher.fetch(() -> data.shard(split, index));
    }
}
