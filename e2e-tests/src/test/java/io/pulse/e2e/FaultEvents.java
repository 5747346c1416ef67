package io.pulse.e2e;

import io.pulse.contracts.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The events of one fault case: ids {@code <case>-<n>}, event times in [base, base + 2m), a fixed
 * set of users, entities and regions so every group key recurs; and the "clock" events that close
 * the case's windows afterwards.
 */
final class FaultEvents {

  static final Duration SPREAD = Duration.ofMinutes(2);
  /** Past the windows' end plus the 10m grace of fault-aggregations.yml, so every case window closes. */
  static final Duration CLOCK_OFFSET = Duration.ofMinutes(14);
  private static final List<String> TYPES = List.of("click", "view", "order");
  private static final int USERS = 30;
  private static final int ENTITIES = 20;
  private static final int REGIONS = 4;

  private final String name;
  private final Instant base;
  private final Random random;
  private int next;

  FaultEvents(String name, Instant base, long seed) {
    this.name = name;
    this.base = base;
    this.random = new Random(seed);
  }

  Instant base() {
    return base;
  }

  /** The windows this case's events fall into: [base, end()). */
  Instant end() {
    return base.plus(SPREAD);
  }

  List<Event> nextBatch(int size) {
    List<Event> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String type = TYPES.get(random.nextInt(TYPES.size()));
      batch.add(event(name + "-" + next++, type, random.nextInt(USERS), random.nextInt(ENTITIES), random.nextInt(REGIONS),
          type.equals("order") ? 1 + random.nextInt(100) : null, base.plusMillis(random.nextLong(SPREAD.toMillis()))));
    }
    return batch;
  }

  /**
   * One event per user, entity and region value, later than the case by {@link #CLOCK_OFFSET}:
   * every task of every aggregation sees its stream time pass the case's windows and finalizes them.
   */
  List<Event> clocks() {
    List<Event> clocks = new ArrayList<>();
    for (int i = 0; i < Math.max(USERS, ENTITIES); i++) {
      for (String type : List.of("click", "order")) {
        clocks.add(event(name + "-clock-" + type + "-" + i, type, i % USERS, i % ENTITIES, i % REGIONS, 1,
            base.plus(CLOCK_OFFSET)));
      }
    }
    return clocks;
  }

  private static Event event(String id, String type, int user, int entity, int region, Integer value, Instant time) {
    return new Event(id, type, "user-%02d".formatted(user), "entity-%02d".formatted(entity),
        value == null ? null : value.doubleValue(), time, Map.of("region", "region-" + region));
  }
}
