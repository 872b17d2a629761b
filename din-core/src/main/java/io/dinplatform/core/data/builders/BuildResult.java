package io.dinplatform.core.data.builders;

import java.util.List;

import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.schema.FeatureSchema;

/**
 * What a build wrote.
 *
 * @param schema            the schema of the samples written
 * @param rows              samples written
 * @param positives         samples with label 1
 * @param users             users with at least one sample
 * @param usersWithoutSamples users the protocol could not use (NEXT_ITEM needs two interactions)
 * @param items             every item of the catalogue in its order, id and category as the samples file writes
 *                          them, with the title and further columns of the items file: the version's items table
 */
public record BuildResult(FeatureSchema schema, long rows, long positives, long users, long usersWithoutSamples,
                          List<CatalogItem> items) {

    public BuildResult {
        items = List.copyOf(items);
    }
}
