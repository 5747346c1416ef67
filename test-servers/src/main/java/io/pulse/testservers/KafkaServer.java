package io.pulse.testservers;

/** A single Kafka broker (KRaft) a test talks to, whichever way {@link TestServers} got it. */
public interface KafkaServer extends AutoCloseable {

  /** {@code HOST:PORT}, for {@code bootstrap.servers}. */
  String bootstrapServers();

  @Override
  void close();
}
