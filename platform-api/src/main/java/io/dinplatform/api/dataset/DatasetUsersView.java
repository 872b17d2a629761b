package io.dinplatform.api.dataset;

import java.util.List;

import io.dinplatform.api.dataset.DatasetUsers.UserRows;
import io.dinplatform.api.dataset.DatasetUsers.UserSample;
import io.dinplatform.registry.dataset.DatasetVersion;

/**
 * A sample of a dataset version's users, as the API shows it.
 *
 * @param name        the dataset
 * @param version     its number
 * @param groupColumn the column whose values are the users (the schema's group, by default the user id)
 * @param users       the first users of the file, each with its number of rows
 * @param truncated   whether the version has more users than listed
 */
public record DatasetUsersView(String name, int version, String groupColumn, List<UserRows> users,
                               boolean truncated) {

    static DatasetUsersView of(DatasetVersion version, UserSample sample) {
        return new DatasetUsersView(version.name(), version.version(), sample.groupColumn(), sample.users(),
                sample.truncated());
    }
}
