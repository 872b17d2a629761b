package io.dinplatform.registry.impression;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Per model, the share of served instances that the impression log keeps (a model without a setting: the default). */
public class ImpressionSampling {

    private final JdbcClient jdbc;

    public ImpressionSampling(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The model's rate, if it has one of its own. */
    public Optional<Float> rateOf(String model) {
        return jdbc.sql("SELECT sample_rate FROM impression_sampling WHERE model_name = ?").param(model)
                .query(Float.class).optional();
    }

    /**
     * Sets the model's rate (0 turns logging off, 1 logs every instance).
     *
     * @return false when no model of that name is registered
     */
    public boolean setRate(String model, float rate) {
        return jdbc.sql("""
                        INSERT INTO impression_sampling (model_name, sample_rate)
                        SELECT name, ? FROM registered_models WHERE name = ?
                        ON CONFLICT (model_name) DO UPDATE SET sample_rate = EXCLUDED.sample_rate, updated_at = now()
                        """)
                .params(rate, model).update() == 1;
    }

    /** Removes the model's own rate, so the default applies again. */
    public void clearRate(String model) {
        jdbc.sql("DELETE FROM impression_sampling WHERE model_name = ?").param(model).update();
    }
}
