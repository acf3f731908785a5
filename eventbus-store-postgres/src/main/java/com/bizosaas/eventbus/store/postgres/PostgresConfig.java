package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.config.EnvReader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the PostgreSQL store, read from the seed's {@code EVENTBUS_POSTGRES_*} variables.
 * Immutable; the constructor rejects a bad value with a message naming its variable. Defaults are
 * the seed's (localhost:5432, user admin, database bizosaas), schema {@code eventbus}, a pool of
 * 10, 30 days of retention, migrations at start-up, application role {@code eventbus_app}.
 *
 * @param schema         where the tables live; a fresh one per test keeps tests independent
 * @param eventTtlDays   delivered and discarded deliveries older than this are forgotten (the
 *                       engine applies the same {@code EVENTBUS_EVENT_TTL_DAYS} to events through
 *                       {@code EventStore.purgeBefore}, which drops whole day partitions)
 * @param migrateOnStart run the Flyway migrations when the database is started; turn off when
 *                       {@link PostgresMigrations} runs them as a separate deployment step
 * @param appRole        the role the application's queries run as: not the owner of the tables,
 *                       so row-level security applies to it
 */
public record PostgresConfig(String host, int port, String user, String password, String database, String schema,
                             int poolSize, int eventTtlDays, boolean migrateOnStart, String appRole) {

    public static final String HOST = "EVENTBUS_POSTGRES_HOST";
    public static final String PORT = "EVENTBUS_POSTGRES_PORT";
    public static final String USER = "EVENTBUS_POSTGRES_USER";
    public static final String PASSWORD = "EVENTBUS_POSTGRES_PASSWORD";
    public static final String DATABASE = "EVENTBUS_POSTGRES_DB";
    public static final String SCHEMA = "EVENTBUS_POSTGRES_SCHEMA";
    public static final String POOL_SIZE = "EVENTBUS_POSTGRES_POOL_SIZE";
    public static final String EVENT_TTL_DAYS = "EVENTBUS_EVENT_TTL_DAYS";
    public static final String MIGRATE = "EVENTBUS_POSTGRES_MIGRATE";
    public static final String APP_ROLE = "EVENTBUS_POSTGRES_APP_ROLE";

    /** Lower-case SQL identifiers only, so names can be placed in DDL without quoting. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresConfig {
        require(host != null && !host.isBlank(), HOST, "must not be empty", host);
        require(port >= 1 && port <= 65535, PORT, "must be between 1 and 65535", port);
        require(user != null && !user.isBlank(), USER, "must not be empty", user);
        password = password == null ? "" : password;
        require(database != null && !database.isBlank(), DATABASE, "must not be empty", database);
        require(schema != null && IDENTIFIER.matcher(schema).matches(), SCHEMA,
                "must be a lower-case SQL identifier", schema);
        require(poolSize >= 1 && poolSize <= 1000, POOL_SIZE, "must be between 1 and 1000", poolSize);
        require(eventTtlDays >= 1, EVENT_TTL_DAYS, "must be at least 1", eventTtlDays);
        require(appRole != null && IDENTIFIER.matcher(appRole).matches(), APP_ROLE,
                "must be a lower-case SQL identifier", appRole);
        require(!appRole.equals(user), APP_ROLE, "must differ from " + USER + " (the owner of the tables)",
                appRole);
    }

    /** The seed's defaults. */
    public static PostgresConfig defaults() {
        return builder().build();
    }

    /** Reads the variables from {@code env} (e.g. {@code System.getenv()}); unset ones keep their default. */
    public static PostgresConfig fromEnv(Map<String, String> env) {
        Builder b = builder();
        PostgresConfig d = b.build();
        EnvReader r = EnvReader.of(env);
        return b.host(r.text(HOST, d.host))
                .port(r.integer(PORT, d.port))
                .user(r.text(USER, d.user))
                .password(r.text(PASSWORD, d.password))
                .database(r.text(DATABASE, d.database))
                .schema(r.text(SCHEMA, d.schema))
                .poolSize(r.integer(POOL_SIZE, d.poolSize))
                .eventTtlDays(r.integer(EVENT_TTL_DAYS, d.eventTtlDays))
                .migrateOnStart(r.bool(MIGRATE, d.migrateOnStart))
                .appRole(r.text(APP_ROLE, d.appRole))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Where the database is, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresConfig[" + user + "@" + address() + "/" + database + ", schema=" + schema + ", poolSize="
                + poolSize + ", eventTtlDays=" + eventTtlDays + ", migrateOnStart=" + migrateOnStart + ", appRole="
                + appRole + "]";
    }

    private static void require(boolean condition, String variable, String rule, Object value) {
        if (!condition) {
            throw EnvReader.invalid(variable, rule, value);
        }
    }

    /** Mutable builder starting from the defaults; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 5432;
        private String user = "admin";
        private String password = "securepassword";
        private String database = "bizosaas";
        private String schema = "eventbus";
        private int poolSize = 10;
        private int eventTtlDays = 30;
        private boolean migrateOnStart = true;
        private String appRole = "eventbus_app";

        private Builder() {
        }

        private Builder(PostgresConfig c) {
            host = c.host;
            port = c.port;
            user = c.user;
            password = c.password;
            database = c.database;
            schema = c.schema;
            poolSize = c.poolSize;
            eventTtlDays = c.eventTtlDays;
            migrateOnStart = c.migrateOnStart;
            appRole = c.appRole;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder eventTtlDays(int eventTtlDays) {
            this.eventTtlDays = eventTtlDays;
            return this;
        }

        public Builder migrateOnStart(boolean migrateOnStart) {
            this.migrateOnStart = migrateOnStart;
            return this;
        }

        public Builder appRole(String appRole) {
            this.appRole = appRole;
            return this;
        }

        public PostgresConfig build() {
            return new PostgresConfig(host, port, user, password, database, schema, poolSize, eventTtlDays,
                    migrateOnStart, appRole);
        }
    }
}
