package io.dinplatform.registry.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The versions of the migration scripts the registry ships ({@code V{version}__{description}.sql}), in order: what a
 * freshly migrated catalog must list as applied, whichever PostgreSQL it runs on.
 */
final class ShippedMigrations {

    private ShippedMigrations() {
    }

    static List<String> versions() {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver()
                            .getResources("classpath:db/migration/V*__*.sql"))
                    .map(resource -> resource.getFilename().substring(1, resource.getFilename().indexOf("__")))
                    .sorted(Comparator.comparing(Integer::valueOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
