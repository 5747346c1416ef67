package io.pulse.aggregator.config;

import org.springframework.context.SmartLifecycle;

/**
 * A step that runs once at start-up, after the platform topics exist and before the Streams client
 * starts (its StreamsBuilderFactoryBean starts in phase {@code Integer.MAX_VALUE - 1000}); a step
 * that throws stops the start. A higher {@code order} runs earlier.
 */
public abstract class BeforeStreamsStart implements SmartLifecycle {

  private final int order;
  private volatile boolean running;

  protected BeforeStreamsStart(int order) {
    this.order = order;
  }

  protected abstract void run();

  @Override
  public final void start() {
    run();
    running = true;
  }

  @Override
  public final void stop() {
    running = false;
  }

  @Override
  public final boolean isRunning() {
    return running;
  }

  @Override
  public final int getPhase() {
    return Integer.MAX_VALUE - 1000 - order;
  }
}
