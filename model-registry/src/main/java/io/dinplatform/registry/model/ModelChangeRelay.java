package io.dinplatform.registry.model;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Hears the model changes that other platform processes make (PostgreSQL {@code LISTEN} on the
 * {@link ModelChangeChannel}) and publishes each in this process as a {@link ModelCatalogChange}, the same event
 * this process's own changes publish, so a listener need not care where a change came from.
 *
 * <p>It holds one connection of its own, outside the pool: a listening connection is never returned, and it must
 * not take a slot that requests need. When the connection is lost (a database restart or outage) it connects again
 * every {@code reconnectDelay} until the database is back; the rest of the platform is not held up meanwhile.
 * Notifications sent while it was away are lost: once it listens again it publishes {@link ModelChangesMissed}, so
 * that the serving caches check what they hold rather than wait out their time to live.
 */
public class ModelChangeRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelChangeRelay.class);
    /** How long one wait for notifications lasts: also how soon a stop is noticed. */
    private static final int WAIT_MILLIS = 500;

    private final JdbcConnectionDetails database;
    private final ModelChangeChannel channel;
    private final ApplicationEventPublisher events;
    private final Duration reconnectDelay;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public ModelChangeRelay(JdbcConnectionDetails database, ModelChangeChannel channel,
                            ApplicationEventPublisher events, Duration reconnectDelay) {
        this.database = database;
        this.channel = channel;
        this.events = events;
        this.reconnectDelay = reconnectDelay;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::relay, "model-change-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        if (stopping != null) {
            stopping.interrupt(); // ends a reconnect wait; a wait for notifications ends by itself
            try {
                stopping.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the relay holds a listening connection now (false while the database is unreachable). */
    public boolean isListening() {
        return listening;
    }

    private void relay() {
        Instant lostAt = null;
        while (running) {
            try (Connection connection = connect()) {
                listen(connection);
                if (lostAt != null) {
                    log.info("Listening for model changes made by other processes again");
                    publish(new ModelChangesMissed(lostAt, Instant.now()));
                    lostAt = null;
                }
                relayNotifications(connection.unwrap(PGConnection.class));
            } catch (SQLException e) {
                listening = false;
                if (running && lostAt == null) {
                    log.warn("Not listening for model changes made by other processes ({}): connecting again every "
                            + "{} ms; until then serving sees them when its cached resolutions expire", e.toString(),
                            reconnectDelay.toMillis());
                    lostAt = Instant.now();
                }
                pauseBeforeReconnecting();
            }
        }
        listening = false;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "din-model-changes");
        // A connection that dies silently (a lost network) must still fail, so that it is replaced.
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + ModelChangeChannel.NAME);
        }
        listening = true;
    }

    private void relayNotifications(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                channel.remoteChange(notification.getParameter()).ifPresent(this::publish);
            }
        }
    }

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn("A listener failed on {}", event, e); // the relay goes on for the others
        }
    }

    private void pauseBeforeReconnecting() {
        try {
            Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
