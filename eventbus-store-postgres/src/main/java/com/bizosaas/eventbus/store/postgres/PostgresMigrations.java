package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.store.postgres.internal.Connections;
import com.bizosaas.eventbus.store.postgres.internal.PostgresErrors;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's schema migrations (Flyway, scripts under {@code db/eventbus} on the classpath, history
 * in {@code eventbus_schema_history}), applied as the configured user, who becomes the owner of the
 * tables. {@link PostgresDatabase#start} runs them unless turned off; {@link #main} runs them alone,
 * e.g. as a deployment step. Safe to run concurrently: Flyway serialises on a database lock.
 */
public final class PostgresMigrations {
    /** Not Flyway's default location, so an embedding application's own Flyway does not pick them up. */
    public static final String LOCATION = "classpath:db/eventbus";
    public static final String HISTORY_TABLE = "eventbus_schema_history";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMigrations.class);

    private PostgresMigrations() {
    }

    /** Brings the configured schema up to date; returns how many migrations were applied. */
    public static int migrate(PostgresConfig config) {
        return migrate(config, Connections.owner(config));
    }

    /**
     * Brings {@link PostgresConfig#schema()} up to date through {@code dataSource}, whose user must
     * be allowed to create the schema, its tables and the application role (the application's own
     * data source, see {@link PostgresDatabase#start(PostgresConfig, DataSource)}).
     */
    public static int migrate(PostgresConfig config, DataSource dataSource) {
        try {
            int applied = Flyway.configure(PostgresMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .schemas(config.schema())
                    .defaultSchema(config.schema())
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    .placeholders(Map.of("appRole", config.appRole()))
                    .load()
                    .migrate()
                    .migrationsExecuted;
            if (applied > 0) {
                LOG.info("Applied {} migration(s) to schema {} at {}", applied, config.schema(), config.address());
            }
            return applied;
        } catch (FlywayException e) {
            throw PostgresErrors.translate("migrating schema " + config.schema() + " at " + config.address(), e);
        }
    }

    /** Runs the migrations with the settings from the environment ({@code EVENTBUS_POSTGRES_*}). */
    public static void main(String[] args) {
        PostgresConfig config = PostgresConfig.fromEnv(System.getenv());
        int applied = migrate(config);
        LOG.info("Schema {} at {} is up to date ({} migration(s) applied)", config.schema(), config.address(),
                applied);
    }
}
