package io.dinplatform.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.multipart.MultipartFile;

/**
 * The multipart form of {@code POST /api/v1/datasets} as the OpenAPI document describes it: the controller reads
 * each part by name, and the {@code reference} parts (as {@code curl -F reference=...} sends them) through Spring's
 * request parameters, which springdoc alone would document as a query parameter.
 *
 * <p>{@code reference} is described as one string, the part repeated for more references, not as an array: generators
 * disagree on how an array becomes parts (openapi-generator's okhttp-gson client sends the whole array, as JSON, in
 * each part), so a client generated from the document sends one reference, which may name a whole prefix or
 * directory.
 *
 * @param name      the dataset to register the next version of
 * @param schema    the feature schema, as JSON
 * @param file      the samples file, uploaded
 * @param reference data that stays where it lies, instead of a file
 * @param items     the items table, optional
 */
@Schema(description = "A samples file, uploaded or referenced where it lies, with the dataset's name and feature "
        + "schema: either file or one or more reference parts, not both")
record DatasetUploadForm(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The feature schema as JSON: label, group "
                + "and features (each with its name and kind)") String schema,
        @Schema(description = "The samples file (CSV or Parquet, optionally gzipped), uploaded; absent when the data "
                + "is referenced") MultipartFile file,
        @Schema(description = "Data that stays where it lies, instead of a file: s3://bucket/key (an object in the "
                + "artifact store's object storage), s3://bucket/prefix/ (every object under the prefix) or local:path "
                + "(a file or directory below din.datasets.references.local-directory). Repeat the part for more "
                + "references; the platform reads them once, in order, and pins each object by its SHA-256. Each "
                + "object is a samples file with its header and must not change once registered")
        String reference,
        @Schema(description = "Optional: the items table, a CSV file (UTF-8, optionally gzipped) with a header naming "
                + "the columns id and title (required), category (optional) and any others (kept as attributes); ids "
                + "as the samples file writes them. A bad items file is a 400 naming its rows and columns, and nothing "
                + "is registered") MultipartFile items) {
}
