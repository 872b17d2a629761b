package io.dinplatform.api.model;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.VersionSelector;
import io.dinplatform.api.error.ResourceConflictException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.model.AliasArm;
import io.dinplatform.registry.model.AliasRoute;
import io.dinplatform.registry.model.AliasTarget;
import io.dinplatform.registry.model.ModelNameTakenException;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.RegisteredModel;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The model registry: models, their versions with metrics and lineage, and movable aliases. */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Registered models, versions, lineage and aliases")
public class ModelController {

    private final ModelRepository models;
    private final ResourceAccess access;

    public ModelController(ModelRepository models, ResourceAccess access) {
        this.models = models;
        this.access = access;
    }

    @GetMapping
    @Operation(operationId = "listModels", summary = "List registered models")
    public List<ModelView> list() {
        var readable = access.readableNames(ProtectedResource.MODEL);
        return models.findAll().stream().filter(m -> readable.map(names -> names.contains(m.name())).orElse(true))
                .map(m -> ModelView.of(m, null)).toList();
    }

    @PostMapping
    @Operation(operationId = "createModel",
            summary = "Register a model name (409 if it exists); training registers names on its own too")
    @ApiResponse(responseCode = "201", description = "The new model, without versions",
            headers = @Header(name = "Location", description = "The model's address",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public ResponseEntity<ModelView> create(@Valid @RequestBody NewModel request) {
        String name = ResourceNames.requireValidName("name", request.name());
        try {
            RegisteredModel model = models.create(name, access.newOwner());
            return ResponseEntity.created(URI.create("/api/v1/models/" + name)).body(ModelView.of(model, List.of()));
        } catch (ModelNameTakenException e) {
            throw new ResourceConflictException(e.getMessage());
        }
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getModel", summary = "A model with all its versions")
    public ModelView model(@PathVariable String name) {
        RegisteredModel model = existing(name);
        Map<String, AliasTrafficView> traffic = new TreeMap<>();
        for (String alias : model.aliases().keySet()) {
            models.findRoute(name, alias).filter(AliasRoute::splitOrShadowed)
                    .ifPresent(route -> traffic.put(alias, AliasTrafficView.of(route)));
        }
        return ModelView.of(model, models.findVersions(name).stream().map(ModelVersionView::of).toList(), traffic);
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(operationId = "getModelVersion",
            summary = "One version with metrics, parameters, lineage and bundle SHA-256; version may be "
            + "'latest'. With base=N also RelaImpr over version N on the same test data (GAUC, the paper's, and AUC)")
    public ModelVersionView version(@PathVariable String name, @PathVariable String version,
                                    @RequestParam(required = false) Integer base) {
        OptionalInt number = VersionSelector.parse(version);
        existing(name);
        ModelVersion found = (number.isPresent() ? models.findVersion(name, number.getAsInt())
                : models.findLatestVersion(name))
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' has no version " + version));
        ModelVersionView view = ModelVersionView.of(found);
        if (base == null) {
            return view;
        }
        ModelVersion baseVersion = models.findVersion(name, base).orElseThrow(() -> new ResourceNotFoundException(
                "model '" + name + "' has no version " + base + " to compare with"));
        return view.comparedWith(VersionComparison.of(found, baseVersion));
    }

    @GetMapping("/{name}/aliases/{alias}")
    @Operation(operationId = "getAlias", summary = "The version an alias points at (its first arm where it is "
            + "split), with where it sends traffic: its weighted arms and shadow version")
    public ModelVersionView alias(@PathVariable String name, @PathVariable String alias) {
        existing(name);
        return models.findRoute(name, alias).map(ModelVersionView::of)
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' has no alias '" + alias + "'"));
    }

    @PutMapping("/{name}/aliases/{alias}")
    @Operation(operationId = "moveAlias",
            summary = "Point an alias (e.g. production) at a version, or split it over weighted versions (each "
            + "user sticks to one arm), optionally with a shadow version that scores the same requests for the log "
            + "only; it replaces what the alias had and takes effect at the next request")
    public ModelVersionView moveAlias(@PathVariable String name, @PathVariable String alias,
                                      @Valid @RequestBody AliasUpdate update) {
        ResourceNames.requireValidAlias(alias);
        access.requireWritable(ProtectedResource.MODEL, name);
        AliasTarget target = AliasTargets.of(update);
        List<Integer> wanted = new ArrayList<>(target.arms().stream().map(AliasArm::version).toList());
        if (target.shadowVersion() != null) {
            wanted.add(target.shadowVersion());
        }
        for (int version : wanted) {
            if (models.findVersion(name, version).isEmpty()) {
                throw new ResourceNotFoundException("model '" + name + "' has no version " + version);
            }
        }
        return models.setAlias(name, alias, target).map(ModelVersionView::of)
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' has no version among "
                        + wanted));
    }

    @DeleteMapping("/{name}/aliases/{alias}")
    @Operation(operationId = "deleteAlias", summary = "Remove an alias")
    @ApiResponse(responseCode = "204", description = "The alias is gone")
    public ResponseEntity<Void> deleteAlias(@PathVariable String name, @PathVariable String alias) {
        access.requireWritable(ProtectedResource.MODEL, name);
        if (!models.deleteAlias(name, alias)) {
            throw new ResourceNotFoundException("model '" + name + "' has no alias '" + alias + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /** The model, when it exists and the caller may read it. */
    private RegisteredModel existing(String name) {
        access.requireReadable(ProtectedResource.MODEL, name);
        return models.find(name)
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' does not exist"));
    }
}
