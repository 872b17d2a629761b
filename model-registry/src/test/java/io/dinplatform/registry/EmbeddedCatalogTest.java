package io.dinplatform.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the catalog: the embedded PostgreSQL (a real server) with a data directory of its
 * own, migrated by Flyway from empty. Every subclass shares one application context and so one server.
 */
@SpringBootTest(classes = RegistryTestApplication.class)
public abstract class EmbeddedCatalogTest {

    protected static final Path DATA_DIR = createDataDirectory();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("din-registry-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
