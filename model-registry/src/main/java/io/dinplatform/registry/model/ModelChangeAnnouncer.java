package io.dinplatform.registry.model;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells everyone who serves models that a model's aliases or versions changed, once the change is committed: this
 * process through an application event, the other platform processes through a PostgreSQL notification.
 *
 * <p>The notification is sent with {@code pg_notify} in the transaction that makes the change, so PostgreSQL
 * delivers it on commit and never for a change that was rolled back. The application event waits for the commit in
 * the same way: a listener that reads the catalog at once sees the change.
 */
public class ModelChangeAnnouncer {

    private final JdbcClient jdbc;
    private final ModelChangeChannel channel;
    private final ApplicationEventPublisher events;

    public ModelChangeAnnouncer(JdbcClient jdbc, ModelChangeChannel channel, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.channel = channel;
        this.events = events;
    }

    /** Call in the transaction that makes the change (without one, after the change's own statement). */
    public void announce(ModelCatalogChange change) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(ModelChangeChannel.NAME, channel.payload(change))
                .query().listOfRows();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(change);
                }
            });
        } else {
            events.publishEvent(change);
        }
    }
}
