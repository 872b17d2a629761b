package io.dinplatform.api.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildResult;
import io.dinplatform.core.data.builders.Interaction;
import io.dinplatform.core.data.builders.ItemCatalog;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.registry.dataset.DatasetVersion;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns raw interaction logs and an items file into a samples dataset with din-core's builders, then registers it
 * like an upload (so the built file passes the same checks and gets the same statistics, in the same single pass
 * that stores it), with the items file's titles and further columns as the version's items table. Each raw file is read once; the built samples go to a temporary file that is deleted afterwards.
 */
@Service
public class DatasetBuilds {

    private final DatasetRegistration registration;
    private final JsonMapper json;
    private final DatasetLimits limits;
    private final ItemTables itemTables;

    public DatasetBuilds(DatasetRegistration registration, JsonMapper json, DatasetLimits limits,
                         ItemTables itemTables) {
        this.registration = registration;
        this.json = json;
        this.limits = limits;
        this.itemTables = itemTables;
    }

    public DatasetVersion build(MultipartFile interactions, MultipartFile items, DatasetBuildForm form)
            throws IOException {
        ResourceNames.requireValidName("name", form.name());
        BuildOptions options = options(form);
        RawLogFormat format = form.effectiveFormat();
        List<Interaction> log;
        try (InputStream in = interactions.getInputStream()) {
            log = format.readInteractions(in, options.protocol(), limits.textLimit());
        }
        ItemCatalog catalog;
        try (InputStream in = items.getInputStream()) {
            catalog = format.readItems(in, limits.textLimit());
        }
        Path samples = Files.createTempFile("din-build-", ".csv");
        try {
            BuildResult result;
            try (OutputStream out = Files.newOutputStream(samples)) {
                result = SamplesBuilder.build(log, catalog, options, out);
            }
            return registration.register(form.name(), result.schema(), new FileSystemResource(samples),
                    origin(interactions, items, format, options, result), itemTables.built(result.items()));
        } finally {
            Files.deleteIfExists(samples);
        }
    }

    private static BuildOptions options(DatasetBuildForm form) {
        try {
            return form.toOptions();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private ObjectNode origin(MultipartFile interactions, MultipartFile items, RawLogFormat format,
                              BuildOptions options, BuildResult result) {
        ObjectNode origin = json.createObjectNode();
        origin.put("kind", "build");
        origin.put("format", format.name());
        origin.set("options", json.valueToTree(options));
        origin.put("interactionsFile", interactions.getOriginalFilename());
        origin.put("itemsFile", items.getOriginalFilename());
        origin.put("users", result.users());
        origin.put("usersWithoutSamples", result.usersWithoutSamples());
        return origin;
    }
}
