package io.pulse.query.stream;

import org.springframework.context.ApplicationContext;

/** For tests outside this package: how many SSE streams the running service holds open. */
public final class OpenStreams {

  private OpenStreams() {}

  public static int count(ApplicationContext context) {
    return context.getBean(BoardStreams.class).openStreams();
  }
}
