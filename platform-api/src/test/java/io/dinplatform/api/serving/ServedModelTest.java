package io.dinplatform.api.serving;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API test that scores through the prediction service directly, without HTTP, against a small DIN model it
 * registers once: the shared application context (and its catalog) outlives the test class, so the model does too.
 */
abstract class ServedModelTest extends PlatformApiTest {

    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected PredictionService predictions;

    @Autowired
    private ArtifactStore artifacts;

    @Autowired
    private ModelRepository models;

    /** Registers a DIN model under this name, trained with this seed, unless this test run already has. */
    protected void registerOnce(String name, long seed) {
        if (REGISTERED.add(name)) {
            TrainedModels.register(artifacts, models, name, ModelType.DIN, seed);
        }
    }
}
