package io.dinplatform.worker.encoding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.dinplatform.core.data.shard.InvalidShardException;
import io.dinplatform.core.data.shard.ShardStore;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.registry.artifact.ArtifactStore;

/**
 * Shards in the artifact store, so that every worker that reaches the store reads them. A shard that is missing or
 * no longer matches its address is reported as an {@link InvalidShardException}: unlike a corrupt dataset file, it
 * can be encoded again, so the failure is not a permanent one: the corrupt artifact is removed and
 * {@code onInvalid} forgets the encoding, so that the next attempt encodes again.
 */
final class ArtifactShardStore implements ShardStore {

    private final ArtifactStore artifacts;
    private final Runnable onInvalid;

    ArtifactShardStore(ArtifactStore artifacts, Runnable onInvalid) {
        this.artifacts = artifacts;
        this.onInvalid = onInvalid;
    }

    @Override
    public String write(byte[] content) throws IOException {
        return artifacts.write(new ByteArrayInputStream(content)).sha256();
    }

    @Override
    public byte[] read(String sha256) throws IOException {
        try (InputStream in = artifacts.openVerified(sha256)) {
            return in.readAllBytes();
        } catch (ArtifactIntegrityException e) {
            // Removed, so that encoding again stores the right bytes under the address instead of finding it taken.
            artifacts.delete(sha256);
            onInvalid.run();
            // Not chained: an integrity failure of the artifact store is permanent for a dataset file, not here.
            throw new InvalidShardException("the artifact hashes to " + e.actualSha256());
        } catch (ArtifactNotFoundException e) {
            onInvalid.run();
            throw new InvalidShardException("it is missing from the artifact store");
        }
    }
}
