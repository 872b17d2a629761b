package io.dinplatform.core.model;

import io.dinplatform.core.nn.ActivationType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitectureConfigTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void theRunRequestOfTheDesignReadsAsWritten() {
        ArchitectureConfig config = mapper.readValue("""
                {"type": "DIN", "embeddingDim": 18,
                 "attention": {"hiddenUnits": [80, 40], "activation": "DICE", "normalization": "NONE"},
                 "mlp": {"hiddenUnits": [200, 80], "activation": "DICE"}}""", ArchitectureConfig.class);
        assertThat(config).isEqualTo(new ArchitectureConfig(ModelType.DIN, 18,
                new AttentionConfig(List.of(80, 40), ActivationType.DICE, AttentionNormalization.NONE,
                        AttentionInput.OFFICIAL),
                new MlpConfig(List.of(200, 80), ActivationType.DICE), Pooling.SUM, true));
    }

    @Test
    void everythingOmittedTakesItsDefault() {
        ArchitectureConfig config = mapper.readValue("{\"type\": \"BASE\", \"attention\": {\"input\": \"PAPER\"}}",
                ArchitectureConfig.class);
        assertThat(config.type()).isEqualTo(ModelType.BASE);
        assertThat(config.embeddingDim()).isEqualTo(18);
        assertThat(config.attention().input()).isEqualTo(AttentionInput.PAPER);
        assertThat(config.attention().hiddenUnits()).containsExactly(80, 40);
        assertThat(config.attention().normalization()).isEqualTo(AttentionNormalization.NONE);
        assertThat(config.mlp().hiddenUnits()).containsExactly(200, 80);
        assertThat(config.pooling()).isEqualTo(Pooling.SUM);
        assertThat(config.interestCandidateProduct()).isTrue();
        assertThat(mapper.readValue("{}", ArchitectureConfig.class)).isEqualTo(ArchitectureConfig.defaults());
    }

    @Test
    void badSizesAreNamed() {
        assertThatThrownBy(() -> new MlpConfig(List.of(200, 0), null))
                .hasMessage("mlp.hiddenUnits[1] must be a positive number of units, not 0");
        assertThatThrownBy(() -> new ArchitectureConfig(null, -1, null, null, null, null))
                .hasMessage("embeddingDim must be positive, not -1");
    }
}
