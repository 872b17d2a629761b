package io.dinplatform.api.dataset;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SamplesSource;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.dataset.DatasetVersion;
import org.springframework.stereotype.Service;

/**
 * The users of a dataset version, as its samples file records them: the values of the group column (by default
 * the user id) and each user's rows. The dashboard's playground picks a user here and scores candidates against that
 * user's real history.
 *
 * <p>Each call streams the stored file (or the referenced objects) once with din-core's {@link SamplesReader}
 * (verified against the SHA-256 as it is read) and keeps only what it answers: the counts of at most {@code limit} users, or one row. A large
 * dataset costs a pass over its file per call, never its size in memory.
 */
@Service
public class DatasetUsers {

    /** The most users one call lists. */
    public static final int MAX_LISTED = 500;

    private final DatasetContent content;

    public DatasetUsers(DatasetContent content) {
        this.content = content;
    }

    /** The first {@code limit} users of the file, in file order, with the number of rows of each. */
    public UserSample sample(DatasetVersion version, int limit) throws IOException {
        UserCounter counter = new UserCounter(limit);
        FeatureSchema schema = read(version, counter);
        List<UserRows> users = counter.counts.entrySet().stream()
                .map(e -> new UserRows(e.getKey(), e.getValue()[0]))
                .toList();
        return new UserSample(schema.effectiveGroup(), users, counter.moreUsers);
    }

    /** The user's most recent row (the last one in the file) and how many rows the user has; empty if none. */
    public Optional<UserLatestRow> latestRow(DatasetVersion version, String userId) throws IOException {
        LatestRowFinder finder = new LatestRowFinder(userId);
        FeatureSchema schema = read(version, finder);
        return finder.latest == null
                ? Optional.empty()
                : Optional.of(new UserLatestRow(schema, finder.latest, finder.rows));
    }

    private FeatureSchema read(DatasetVersion version, Consumer<SampleRow> consumer) throws IOException {
        FeatureSchema schema = FeatureSchemaJson.fromTree(version.schema());
        List<SamplesSource.Part> parts = content.partsOf(version).stream()
                .map(part -> new SamplesSource.Part(part.name(), part::open))
                .toList();
        new SamplesReader(schema, GroupSplitter.DEFAULT).read(new SamplesSource(parts), consumer);
        return schema;
    }

    /**
     * Users in order of their first row.
     *
     * @param groupColumn the column whose values are the users
     * @param users       at most the requested number of users, each with its row count
     * @param truncated   whether the file has more users than listed
     */
    public record UserSample(String groupColumn, List<UserRows> users, boolean truncated) {
    }

    /** A user (a value of the group column) and the number of rows the file has for it. */
    public record UserRows(String userId, long rows) {
    }

    /** A user's last row in the file, the schema to read it with, and the user's number of rows. */
    public record UserLatestRow(FeatureSchema schema, SampleRow row, long rows) {
    }

    /** Counts the rows of the first {@code limit} users; notes whether any other user appears. */
    private static final class UserCounter implements Consumer<SampleRow> {

        private final int limit;
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private boolean moreUsers;

        UserCounter(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(SampleRow row) {
            long[] count = counts.get(row.group());
            if (count != null) {
                count[0]++;
            } else if (counts.size() < limit) {
                counts.put(row.group(), new long[] {1});
            } else {
                moreUsers = true;
            }
        }
    }

    /** Keeps the last row of one user, and counts that user's rows. */
    private static final class LatestRowFinder implements Consumer<SampleRow> {

        private final String userId;
        private SampleRow latest;
        private long rows;

        LatestRowFinder(String userId) {
            this.userId = userId;
        }

        @Override
        public void accept(SampleRow row) {
            if (row.group().equals(userId)) {
                latest = row;
                rows++;
            }
        }
    }
}
