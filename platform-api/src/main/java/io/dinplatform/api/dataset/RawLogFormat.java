package io.dinplatform.api.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.dinplatform.core.data.builders.BuildProtocol;
import io.dinplatform.core.data.builders.Interaction;
import io.dinplatform.core.data.builders.InteractionFormat;
import io.dinplatform.core.data.builders.InteractionLogReader;
import io.dinplatform.core.data.builders.ItemCatalog;
import io.dinplatform.core.data.builders.ItemCatalogReader;
import io.dinplatform.core.data.csv.TextLimit;

/** How the raw files of a build are laid out. */
public enum RawLogFormat {

    /** MovieLens 100K as downloaded: {@code u.data} (tab-separated, no header) and {@code u.item}. */
    MOVIELENS {
        @Override
        List<Interaction> readInteractions(InputStream in, BuildProtocol protocol, TextLimit limit)
                throws IOException {
            return InteractionLogReader.read(in, InteractionFormat.MOVIELENS, limit);
        }

        @Override
        ItemCatalog readItems(InputStream in, TextLimit limit) throws IOException {
            return ItemCatalogReader.movieLens(in, limit);
        }
    },

    /**
     * CSV files with a header: interactions {@code user,item,timestamp[,rating]} (the rating is required by
     * RATING_THRESHOLD) and items {@code item,category} (RFC 4180: a category holding a comma is quoted).
     */
    CSV {
        @Override
        List<Interaction> readInteractions(InputStream in, BuildProtocol protocol, TextLimit limit)
                throws IOException {
            return InteractionLogReader.read(in, InteractionFormat.csv(protocol == BuildProtocol.RATING_THRESHOLD),
                    limit);
        }

        @Override
        ItemCatalog readItems(InputStream in, TextLimit limit) throws IOException {
            return ItemCatalogReader.csv(in, limit);
        }
    };

    /** The interactions of a (possibly gzipped) log whose text may not be longer than {@code limit}. */
    abstract List<Interaction> readInteractions(InputStream in, BuildProtocol protocol, TextLimit limit)
            throws IOException;

    /** The items of a (possibly gzipped) file whose text may not be longer than {@code limit}. */
    abstract ItemCatalog readItems(InputStream in, TextLimit limit) throws IOException;
}
