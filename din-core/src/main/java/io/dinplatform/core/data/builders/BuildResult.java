package io.dinplatform.core.data.builders;

import io.dinplatform.core.schema.FeatureSchema;

/**
 * What a build wrote.
 *
 * @param schema            the schema of the samples written
 * @param rows              samples written
 * @param positives         samples with label 1
 * @param users             users with at least one sample
 * @param usersWithoutSamples users the protocol could not use (NEXT_ITEM needs two interactions)
 */
public record BuildResult(FeatureSchema schema, long rows, long positives, long users, long usersWithoutSamples) {
}
