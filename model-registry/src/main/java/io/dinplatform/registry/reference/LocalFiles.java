package io.dinplatform.registry.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files below the one directory that {@code local:} references may name. Nothing a client sends becomes an
 * arbitrary path: a reference is a relative path without {@code ..}, resolved below the directory, and refused when
 * it (or, through a symbolic link, the file it leads to) lies outside.
 */
public final class LocalFiles implements ObjectStorage {

    private final Path root;

    /** @param directory the allowed directory; it must exist */
    public LocalFiles(Path directory) {
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("din.datasets.references.local-directory " + directory
                    + " cannot be used: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("din.datasets.references.local-directory " + directory
                    + " is not a directory");
        }
    }

    @Override
    public List<FoundObject> list(DataLocation location) throws IOException {
        Path named = within(location);
        if (!Files.exists(named)) {
            throw new InvalidDataReferenceException(location.toString(), "names no file below the allowed directory");
        }
        Path real = realWithin(location, named);
        if (Files.isRegularFile(real)) {
            return List.of(new FoundObject(location, Files.size(real)));
        }
        if (!Files.isDirectory(real)) {
            throw new InvalidDataReferenceException(location.toString(), "is neither a file nor a directory");
        }
        return filesBelow(location, named);
    }

    private List<FoundObject> filesBelow(DataLocation location, Path directory) throws IOException {
        List<FoundObject> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList()) {
                if (path.equals(directory) || hiddenBelow(directory, path) || Files.isDirectory(path)) {
                    continue;
                }
                DataLocation file = location.withPath(root.relativize(path).toString());
                Path real = realWithin(file, path);
                if (Files.isRegularFile(real)) {
                    found.add(new FoundObject(file, Files.size(real)));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (found.isEmpty()) {
            throw new InvalidDataReferenceException(location.toString(), "is a directory without files");
        }
        return found;
    }

    private static boolean hiddenBelow(Path directory, Path path) {
        for (Path name : directory.relativize(path)) {
            if (ObjectStorage.hidden(name.toString())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public OpenedObject open(DataLocation location) throws IOException {
        Path named = within(location);
        if (!Files.exists(named)) {
            throw new NoSuchFileException(location.toString());
        }
        Path real = realWithin(location, named);
        if (!Files.isRegularFile(real)) {
            throw new NoSuchFileException(location.toString());
        }
        return new OpenedObject(Files.newInputStream(real), Files.size(real));
    }

    /** The path a reference names, lexically below the root; refused when it is absolute or climbs out. */
    private Path within(DataLocation location) {
        if (location.scheme() != DataLocation.Scheme.LOCAL) {
            throw new IllegalArgumentException("not a local location: " + location);
        }
        Path relative;
        try {
            relative = Path.of(location.path());
        } catch (InvalidPathException e) {
            throw new InvalidDataReferenceException(location.toString(), "is not a valid path");
        }
        if (relative.isAbsolute()) {
            throw new InvalidDataReferenceException(location.toString(),
                    "must be a path relative to the allowed directory");
        }
        for (Path name : relative) {
            if (name.toString().equals("..")) {
                throw new InvalidDataReferenceException(location.toString(), "may not contain '..'");
            }
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new InvalidDataReferenceException(location.toString(), "lies outside the allowed directory");
        }
        return resolved;
    }

    /** The file a path leads to once symbolic links are followed, refused when that lies outside the root. */
    private Path realWithin(DataLocation location, Path path) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(root)) {
            throw new InvalidDataReferenceException(location.toString(),
                    "leads outside the allowed directory (through a symbolic link)");
        }
        return real;
    }
}
