package io.dinplatform.api.benchmark.ablation;

/** The datasets of the ablation, by the names {@code --datasets} takes. */
enum AblationDataset {

    /** MovieLens 100K built by the platform with the paper's protocol ({@code RATING_THRESHOLD}). */
    MOVIELENS("MovieLens 100K", "movielens-100k"),
    /** The synthetic planted-interest data of din-core's generator, uploaded as a samples CSV with its schema. */
    SYNTHETIC("Synthetic planted interests", "synthetic-interests");

    private final String title;
    private final String datasetName;

    AblationDataset(String title, String datasetName) {
        this.title = title;
        this.datasetName = datasetName;
    }

    String title() {
        return title;
    }

    /** Whether the paper reports figures for this data (on MovieLens-20M, {@link PaperFigures}). */
    boolean hasPaperFigures() {
        return this == MOVIELENS;
    }

    /** The dataset's name on the platform. */
    String datasetName() {
        return datasetName;
    }
}
