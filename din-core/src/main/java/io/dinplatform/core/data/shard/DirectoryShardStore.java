package io.dinplatform.core.data.shard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Shards as files named by their SHA-256 in one directory: the command line's store. */
public final class DirectoryShardStore implements ShardStore {

    private final Path directory;

    public DirectoryShardStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public String write(byte[] content) throws IOException {
        String sha256 = StoredShards.sha256(content);
        Path target = directory.resolve(sha256);
        if (!Files.exists(target)) {
            Path partial = Files.createTempFile(directory, sha256, ".partial");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return sha256;
    }

    @Override
    public byte[] read(String sha256) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidShardException("'" + sha256 + "' is not a SHA-256");
        }
        try {
            return Files.readAllBytes(directory.resolve(sha256));
        } catch (NoSuchFileException e) {
            throw new InvalidShardException("no shard file " + sha256 + " in " + directory);
        }
    }
}
