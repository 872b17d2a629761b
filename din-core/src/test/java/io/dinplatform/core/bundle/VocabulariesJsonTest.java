package io.dinplatform.core.bundle;

import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VocabulariesJsonTest {

    /** {@code vocabularies.json} as bundles have held it since their first version. */
    private static final String WRITTEN_BEFORE = """
            {"cate_id":{"values":["c1","東京"],"counts":[0,3,9,4]},\
            "user_id":{"values":["u7","ü","","😀"],"counts":[0,1,5,4,3,2]}}""";

    @Test
    void readsWhatBundlesHoldAndWritesTheSameBytesBack() throws Exception {
        Vocabularies read = VocabulariesJson.read(WRITTEN_BEFORE.getBytes(StandardCharsets.UTF_8),
                BundleJson.MAPPER);

        Vocabulary users = read.of("user_id");
        assertThat(users.values()).containsExactly("u7", "ü", "", "😀");
        assertThat(users.indexOf("😀")).isEqualTo(Vocabulary.FIRST_ID + 3);
        assertThat(users.indexOf("u8")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(users.counts()).containsExactly(0, 1, 5, 4, 3, 2);
        assertThat(read.of("cate_id")).isEqualTo(new Vocabulary(List.of("c1", "東京"), new long[] {0, 3, 9, 4}));
        assertThat(new String(VocabulariesJson.write(read, BundleJson.MAPPER), StandardCharsets.UTF_8))
                .isEqualTo(WRITTEN_BEFORE);
    }
}
