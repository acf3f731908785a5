package com.bizosaas.eventbus.spring;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code eventbus.*} properties: the same settings and defaults as the server's {@code
 * EVENTBUS_*} environment variables. Engine settings are typed fields; each adapter's settings
 * ({@code eventbus.postgres.*}, {@code eventbus.redis.*}, {@code eventbus.rabbitmq.*},
 * {@code eventbus.kafka.*}) are the suffix of its variable in kebab case ({@code
 * eventbus.postgres.pool-size} is {@code EVENTBUS_POSTGRES_POOL_SIZE}) and are read by the adapter's
 * own config class, so defaults and checks cannot drift from the server's. Mutable (Spring binds
 * it); read once when the bus is built.
 */
@ConfigurationProperties("eventbus")
public class EventBusProperties {

    /** {@code EVENTBUS_STORE}. */
    public enum Store { MEMORY, POSTGRES }

    /** {@code EVENTBUS_BROKER_TYPE}. */
    public enum BrokerType { MEMORY, REDIS, RABBITMQ, KAFKA }

    /** Where events, subscriptions and deliveries are kept. */
    private Store store = Store.MEMORY;

    private final Broker broker = new Broker();

    /** Delivery attempts of subscriptions that set none (EVENTBUS_MAX_RETRY_ATTEMPTS). */
    private int maxRetryAttempts = 3;

    /** Retention of stored events (EVENTBUS_EVENT_TTL_DAYS). */
    private int eventTtlDays = 30;

    /** Timeout of one webhook call (EVENTBUS_WEBHOOK_TIMEOUT_MS). */
    private int webhookTimeoutMs = 10_000;

    /** Lease of a pulled event before it is delivered again (EVENTBUS_PULL_LEASE_MS). */
    private int pullLeaseMs = 30_000;

    /**
     * With {@code store=postgres}: run the store on the application's own DataSource bean when
     * there is one (its connection settings then replace eventbus.postgres.host, port, user, ...).
     */
    private boolean useApplicationDataSource = true;

    /** EVENTBUS_POSTGRES_* settings, e.g. {@code schema}, {@code app-role}, {@code migrate}. */
    private Map<String, String> postgres = new LinkedHashMap<>();

    /** EVENTBUS_REDIS_* settings, e.g. {@code host}, {@code port}, {@code stream-prefix}. */
    private Map<String, String> redis = new LinkedHashMap<>();

    /** EVENTBUS_RABBITMQ_* settings, e.g. {@code url}, {@code exchange}. */
    private Map<String, String> rabbitmq = new LinkedHashMap<>();

    /** EVENTBUS_KAFKA_* settings, e.g. {@code bootstrap-servers}, {@code property.max.poll.records}. */
    private Map<String, String> kafka = new LinkedHashMap<>();

    /** {@code eventbus.broker.*}. */
    public static class Broker {
        /** The broker events travel through (EVENTBUS_BROKER_TYPE). */
        private BrokerType type = BrokerType.MEMORY;

        public BrokerType getType() {
            return type;
        }

        public void setType(BrokerType type) {
            this.type = type;
        }
    }

    /**
     * The adapter settings as the {@code EVENTBUS_*} variables they stand for, each mapped to the
     * property that set it (for error messages).
     */
    Map<String, String> variables(Map<String, String> propertyByVariable) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, propertyByVariable, "EVENTBUS_EVENT_TTL_DAYS", "eventbus.event-ttl-days", Integer.toString(eventTtlDays));
        section(env, propertyByVariable, "postgres", postgres);
        section(env, propertyByVariable, "redis", redis);
        section(env, propertyByVariable, "rabbitmq", rabbitmq);
        section(env, propertyByVariable, "kafka", kafka);
        return env;
    }

    private static void section(Map<String, String> env, Map<String, String> propertyByVariable, String name,
                                Map<String, String> settings) {
        settings.forEach((key, value) -> put(env, propertyByVariable, "EVENTBUS_" + name.toUpperCase(Locale.ROOT)
                + "_" + variableSuffix(key), "eventbus." + name + "." + key, value));
    }

    private static void put(Map<String, String> env, Map<String, String> propertyByVariable, String variable,
                            String property, String value) {
        env.put(variable, value);
        propertyByVariable.put(variable, property);
    }

    /** {@code pool-size}, {@code poolSize} and {@code pool_size} all name {@code POOL_SIZE}; dots become underscores. */
    static String variableSuffix(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public Broker getBroker() {
        return broker;
    }

    public int getMaxRetryAttempts() {
        return maxRetryAttempts;
    }

    public void setMaxRetryAttempts(int maxRetryAttempts) {
        this.maxRetryAttempts = maxRetryAttempts;
    }

    public int getEventTtlDays() {
        return eventTtlDays;
    }

    public void setEventTtlDays(int eventTtlDays) {
        this.eventTtlDays = eventTtlDays;
    }

    public int getWebhookTimeoutMs() {
        return webhookTimeoutMs;
    }

    public void setWebhookTimeoutMs(int webhookTimeoutMs) {
        this.webhookTimeoutMs = webhookTimeoutMs;
    }

    public int getPullLeaseMs() {
        return pullLeaseMs;
    }

    public void setPullLeaseMs(int pullLeaseMs) {
        this.pullLeaseMs = pullLeaseMs;
    }

    public boolean isUseApplicationDataSource() {
        return useApplicationDataSource;
    }

    public void setUseApplicationDataSource(boolean useApplicationDataSource) {
        this.useApplicationDataSource = useApplicationDataSource;
    }

    public Map<String, String> getPostgres() {
        return postgres;
    }

    public void setPostgres(Map<String, String> postgres) {
        this.postgres = postgres;
    }

    public Map<String, String> getRedis() {
        return redis;
    }

    public void setRedis(Map<String, String> redis) {
        this.redis = redis;
    }

    public Map<String, String> getRabbitmq() {
        return rabbitmq;
    }

    public void setRabbitmq(Map<String, String> rabbitmq) {
        this.rabbitmq = rabbitmq;
    }

    public Map<String, String> getKafka() {
        return kafka;
    }

    public void setKafka(Map<String, String> kafka) {
        this.kafka = kafka;
    }
}
