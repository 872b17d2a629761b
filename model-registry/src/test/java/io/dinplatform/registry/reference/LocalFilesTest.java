package io.dinplatform.registry.reference;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFilesTest {

    @TempDir
    Path temporary;
    Path allowed;
    LocalFiles files;

    @BeforeEach
    void allowOneDirectory() throws Exception {
        allowed = Files.createDirectories(temporary.resolve("allowed"));
        Files.createDirectories(allowed.resolve("logs/day=2"));
        Files.writeString(allowed.resolve("logs/part-1.csv"), "b");
        Files.writeString(allowed.resolve("logs/part-0.csv"), "a");
        Files.writeString(allowed.resolve("logs/day=2/part-0.csv"), "cc");
        Files.writeString(allowed.resolve("logs/_SUCCESS"), "");
        Files.writeString(allowed.resolve("logs/.part-0.csv.crc"), "x");
        Files.writeString(temporary.resolve("secret.csv"), "secret");
        files = new LocalFiles(allowed);
    }

    @Test
    void aFileOrEveryVisibleFileBelowADirectoryInNameOrder() throws Exception {
        assertThat(files.list(DataLocation.parse("local:logs/part-1.csv")))
                .extracting(o -> o.location().toString(), ObjectStorage.FoundObject::sizeBytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local:logs/part-1.csv", 1L));
        assertThat(files.list(DataLocation.parse("local:logs")))
                .extracting(o -> o.location().toString())
                .containsExactly("local:logs/day=2/part-0.csv", "local:logs/part-0.csv", "local:logs/part-1.csv");
        try (InputStream in = files.open(DataLocation.parse("local:logs/./part-0.csv")).content()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a");
        }
    }

    @Test
    void nothingOutsideTheAllowedDirectoryCanBeNamed() {
        for (String outside : new String[] {"local:../secret.csv", "local:logs/../../secret.csv",
                "local:" + temporary.resolve("secret.csv"), "local:logs/../.."}) {
            assertThatThrownBy(() -> files.list(DataLocation.parse(outside)), outside)
                    .isInstanceOf(InvalidDataReferenceException.class);
            assertThatThrownBy(() -> files.open(DataLocation.parse(outside)), outside)
                    .isInstanceOf(InvalidDataReferenceException.class);
        }
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheDirectoryIsRefusedEvenInsideADirectory() throws Exception {
        Files.createSymbolicLink(allowed.resolve("escape.csv"), temporary.resolve("secret.csv"));
        Files.createSymbolicLink(allowed.resolve("logs/zz-escape.csv"), temporary.resolve("secret.csv"));
        Files.createSymbolicLink(allowed.resolve("inside.csv"), allowed.resolve("logs/part-0.csv"));

        assertThatThrownBy(() -> files.list(DataLocation.parse("local:escape.csv")))
                .isInstanceOf(InvalidDataReferenceException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.open(DataLocation.parse("local:escape.csv")))
                .isInstanceOf(InvalidDataReferenceException.class);
        assertThatThrownBy(() -> files.list(DataLocation.parse("local:logs")))
                .isInstanceOf(InvalidDataReferenceException.class).hasMessageContaining("zz-escape.csv");
        assertThat(files.list(DataLocation.parse("local:inside.csv"))).hasSize(1);
    }

    @Test
    void aMissingFileIsAnInvalidReferenceWhenListedAndGoneWhenOpened() {
        assertThatThrownBy(() -> files.list(DataLocation.parse("local:nothing.csv")))
                .isInstanceOf(InvalidDataReferenceException.class);
        assertThatThrownBy(() -> files.open(DataLocation.parse("local:nothing.csv")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void malformedReferencesAreRefusedBeforeAnyStorageIsAsked() {
        for (String bad : new String[] {"", "local:", "/etc/passwd", "file:///etc/passwd", "s3://", "s3://bucket",
                "s3://Not_A_Bucket/key", "http://host/x.csv", "local:a\u0000b"}) {
            assertThatThrownBy(() -> DataLocation.parse(bad), bad).isInstanceOf(InvalidDataReferenceException.class);
        }
        assertThat(DataLocation.parse("s3://data/logs/").prefix()).isTrue();
        assertThat(DataLocation.parse("s3://data/logs/part-0.csv").prefix()).isFalse();
        assertThat(DataLocation.parse("s3://data/logs/part-0.csv")).hasToString("s3://data/logs/part-0.csv");
    }
}
