package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.Split;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an encoded dataset is made of: its shards per split, in file order, and its vocabularies, all addressed in a
 * {@link ShardStore}; stored as JSON in the same store.
 *
 * @param key                the encoding key: what was encoded and how (the data's SHA-256 with the schema's
 *                           vocabulary settings and the shard size), so equal keys mean equal shards
 * @param rowsPerShard       rows of every shard but the last of each split
 * @param vocabulariesSha256 the address of the vocabularies
 * @param shards             per split (every split present, perhaps empty), its shards in file order
 */
public record ShardManifest(String key, int rowsPerShard, String vocabulariesSha256,
                            Map<Split, List<ShardRef>> shards) {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int FORMAT = 1;

    public ShardManifest {
        Map<Split, List<ShardRef>> copy = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            copy.put(split, List.copyOf(shards.getOrDefault(split, List.of())));
        }
        shards = Map.copyOf(copy);
    }

    public List<ShardRef> shards(Split split) {
        return shards.get(split);
    }

    public long rows(Split split) {
        return shards(split).stream().mapToLong(ShardRef::rows).sum();
    }

    public long rows() {
        long rows = 0;
        for (Split split : Split.values()) {
            rows += rows(split);
        }
        return rows;
    }

    public int shardCount() {
        return shards.values().stream().mapToInt(List::size).sum();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("shardFormatVersion", ShardCodec.VERSION);
        root.put("key", key);
        root.put("rowsPerShard", rowsPerShard);
        root.put("vocabularies", vocabulariesSha256);
        ObjectNode splits = root.putObject("splits");
        for (Split split : Split.values()) {
            ArrayNode list = splits.putArray(split.name());
            shards(split).forEach(s -> list.addObject().put("sha256", s.sha256()).put("rows", s.rows()));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** @throws InvalidShardException when the JSON is not a manifest of this format */
    public static ShardManifest fromJson(byte[] json) throws InvalidShardException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root.path("format").asInt() != FORMAT
                    || root.path("shardFormatVersion").asInt() != ShardCodec.VERSION) {
                throw new InvalidShardException("the manifest's format is not " + FORMAT + " with shards of version "
                        + ShardCodec.VERSION);
            }
            Map<Split, List<ShardRef>> shards = new EnumMap<>(Split.class);
            for (Split split : Split.values()) {
                List<ShardRef> list = new ArrayList<>();
                for (JsonNode shard : root.path("splits").path(split.name())) {
                    list.add(new ShardRef(shard.path("sha256").asString(), shard.path("rows").asInt()));
                }
                shards.put(split, list);
            }
            return new ShardManifest(root.path("key").asString(), root.path("rowsPerShard").asInt(),
                    root.path("vocabularies").asString(), shards);
        } catch (RuntimeException e) {
            throw new InvalidShardException("the manifest is not valid JSON of a manifest: " + e.getMessage());
        }
    }
}
