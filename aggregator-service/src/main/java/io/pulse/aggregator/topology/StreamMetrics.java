package io.pulse.aggregator.topology;

/** What the topology reports while it runs; Micrometer in the service, counters in tests. */
public interface StreamMetrics {

  void duplicate();

  void poison();

  void late(String aggregation);

  StreamMetrics NONE = new StreamMetrics() {
    @Override
    public void duplicate() {}

    @Override
    public void poison() {}

    @Override
    public void late(String aggregation) {}
  };
}
