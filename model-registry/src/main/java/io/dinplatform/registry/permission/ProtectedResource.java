package io.dinplatform.registry.permission;

/** The kinds of resource that have an owner and grants: each one's table and grants table. */
public enum ProtectedResource {

    DATASET("dataset", "datasets", "dataset_grants", "dataset_id"),
    MODEL("model", "registered_models", "model_grants", "model_id");

    private final String noun;
    private final String table;
    private final String grantTable;
    private final String grantKey;

    ProtectedResource(String noun, String table, String grantTable, String grantKey) {
        this.noun = noun;
        this.table = table;
        this.grantTable = grantTable;
        this.grantKey = grantKey;
    }

    /** The word for one resource of this kind in messages ("dataset", "model"). */
    public String noun() {
        return noun;
    }

    String table() {
        return table;
    }

    String grantTable() {
        return grantTable;
    }

    String grantKey() {
        return grantKey;
    }
}
