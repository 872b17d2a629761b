package io.dinplatform.api.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v1 instances of the tests' synthetic models as the Open Inference Protocol's tensors: categorical ids [N],
 * histories [N, L] padded at the end with empty strings, as a client would build them.
 */
public final class InstanceTensors {

    public static final List<String> CATEGORICAL = List.of("user_id", "item_id", "cate_id");
    public static final List<String> SEQUENCES = List.of("hist_item_id", "hist_cate_id");

    private InstanceTensors() {
    }

    public static List<InferenceTensor> of(List<Map<String, Object>> instances) {
        List<InferenceTensor> tensors = new ArrayList<>();
        long n = instances.size();
        for (String name : CATEGORICAL) {
            List<String> ids = instances.stream().map(instance -> (String) instance.get(name)).toList();
            tensors.add(new InferenceTensor(name, InferenceTensor.BYTES, List.of(n), ids));
        }
        for (String name : SEQUENCES) {
            int length = instances.stream().mapToInt(instance -> history(instance, name).size()).max().orElse(0);
            List<String> padded = new ArrayList<>();
            for (Map<String, Object> instance : instances) {
                List<String> history = history(instance, name);
                padded.addAll(history);
                for (int t = history.size(); t < length; t++) {
                    padded.add("");
                }
            }
            tensors.add(new InferenceTensor(name, InferenceTensor.BYTES, List.of(n, (long) length), padded));
        }
        return tensors;
    }

    @SuppressWarnings("unchecked")
    private static List<String> history(Map<String, Object> instance, String name) {
        return (List<String>) instance.get(name);
    }
}
