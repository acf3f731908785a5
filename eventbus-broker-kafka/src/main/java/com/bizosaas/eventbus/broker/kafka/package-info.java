/**
 * The Kafka broker adapter ({@code EVENTBUS_BROKER_TYPE=kafka}): {@link
 * com.bizosaas.eventbus.broker.kafka.KafkaBroker}, configured by {@link
 * com.bizosaas.eventbus.broker.kafka.KafkaConfig} from {@code EVENTBUS_KAFKA_*} variables.
 *
 * <h2>Topic layout</h2>
 * One topic for all events, {@code eventbus.events} (core's {@code EventRouter}), with the record
 * key {@code <tenant>/<subject>}, or {@code <tenant>} for events without a subject. The dispatch
 * group reads every event whatever its type or tenant, so topics per category or per type would
 * only multiply partitions, file handles and rebalance work without anyone reading less; one topic
 * also keeps every event of a subject in one partition, hence in order, even when its type
 * changes ({@code lead.created} then {@code lead.qualified}). The key spreads tenants and subjects
 * across partitions; a tenant's events without a subject share one key and one partition. Each
 * record carries the message headers ({@code event-id}, {@code event-type}, {@code tenant-id})
 * and the routing key {@code <tenant>.<event_type>} in the {@code eventbus-routing-key} header,
 * so tools can filter without decoding the JSON value.
 *
 * <p>A topic is created on first use with {@code EVENTBUS_KAFKA_PARTITIONS} partitions (default
 * 12: the most dispatch members that can share the load) and {@code EVENTBUS_KAFKA_REPLICATION_FACTOR}
 * replicas (default: the cluster's {@code default.replication.factor}; use 3 in production with
 * {@code min.insync.replicas=2}). An existing topic is used as it is, and a principal without the
 * right to create topics may use topics created beforehand.
 *
 * <h2>Publishing</h2>
 * One idempotent producer per broker ({@code acks=all}, {@code enable.idempotence=true}) serves
 * every publish: a batch is handed to it record by record and its future completes when Kafka
 * acknowledged them all; there is no flush per call, so records of concurrent publishes share
 * Kafka batches ({@code EVENTBUS_KAFKA_LINGER_MS}, default 5; {@code EVENTBUS_KAFKA_BATCH_SIZE},
 * default 65536; {@code EVENTBUS_KAFKA_COMPRESSION}, default lz4). A send blocks for at most
 * 10 s ({@code max.block.ms}) when metadata is missing or the buffer is full, and the first
 * publish to a new topic waits for its creation.
 *
 * <h2>Consuming</h2>
 * Each subscription is one member of the consumer group named by the subscription, using the
 * classic group protocol with cooperative-sticky assignment: a rebalance moves only the
 * partitions that change owner, and the others keep flowing. {@code subscribe} returns once the
 * member took part in its first rebalance. A new group starts at {@code EVENTBUS_KAFKA_AUTO_OFFSET_RESET}
 * (default {@code earliest}, so nothing published before the group first committed is missed).
 * The records of a partition are handled one at a time in offset order (so each key keeps its
 * order); different partitions run in parallel on up to {@code concurrency} handler threads.
 * Offsets are committed (manually, never automatically) only up to the last record whose
 * handler returned. A handler that throws stops its partition: after {@code EVENTBUS_KAFKA_RETRY_BACKOFF_MS}
 * the same record is delivered again, marked redelivered, before anything after it. When a
 * rebalance takes partitions away, the member finishes the record in hand, commits, and only then
 * lets them go. Closing a subscription commits what was handled and leaves the group at once, so
 * the rest goes to another member without waiting for a timeout; a member that dies without
 * leaving is replaced after its session timeout, taken from the subscription's
 * {@code redeliverAfter} (at least 6 s, the coordinator's minimum). Delivery is at-least-once:
 * after a crash, records handled but not yet committed are handled again.
 *
 * <h2>Security and other client settings</h2>
 * {@code EVENTBUS_KAFKA_PROPERTY_<NAME>} passes the Kafka client property {@code <name>}
 * (lower-cased, {@code _} read as {@code .}) to the producer, consumers and admin client; the
 * common security settings have short names by the same rule: {@code EVENTBUS_KAFKA_SECURITY_PROTOCOL},
 * {@code EVENTBUS_KAFKA_SASL_MECHANISM}, {@code EVENTBUS_KAFKA_SASL_JAAS_CONFIG},
 * {@code EVENTBUS_KAFKA_SSL_TRUSTSTORE_LOCATION}, {@code EVENTBUS_KAFKA_SSL_TRUSTSTORE_PASSWORD}
 * (also {@code _TYPE}, and {@code EVENTBUS_KAFKA_SSL_KEYSTORE_*} / {@code _SSL_KEY_PASSWORD} for
 * mutual TLS). Settings the adapter's guarantees depend on ({@code acks}, {@code enable.idempotence},
 * {@code enable.auto.commit}, {@code group.id}, serializers) cannot be overridden.
 *
 * <h2>Health</h2>
 * Component {@code kafka}: healthy when the cluster metadata is readable within 2 s (details
 * {@code cluster_id}, {@code nodes}, {@code bootstrap_servers}); unhealthy otherwise, or once a
 * member stopped on a fatal error (for example fenced by a duplicate {@code group.instance.id}).
 */
package com.bizosaas.eventbus.broker.kafka;
