package io.pulse.demo;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.demo.Population.Shopper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * What the shop's clients send, slice by slice of event time, without sending it: shoppers view, click and order
 * products (orders carry their value), new shoppers sign up, profiles change. Like real clients, some events
 * arrive out of order (a phone's buffer, a slow network), a few so late that their windows have closed (a
 * phone back from a flight), some twice (a retry after a lost answer), and now and then one is garbage.
 * Deterministic for a seed, so its tests pin exact shares.
 */
final class TrafficModel {

  /** Share of events delivered 1–20 s of event time late: out of order, but inside every shipped grace period. */
  static final double OUT_OF_ORDER_SHARE = 0.03;
  /** Share delivered 90 s–9 min late: past the 30 s and 1 min graces, the later ones past the 5 min graces too. */
  static final double LATE_SHARE = 0.01;
  /** Share of batches' events sent once more with the next batch, unchanged: dedup by eventId must drop them. */
  static final double DUPLICATE_SHARE = 0.005;
  /** One slot in this many is a malformed record; the first comes early so the dead-letter path shows at once. */
  static final int MALFORMED_EVERY = 4000;
  static final int FIRST_MALFORMED = 500;
  static final int PROFILE_CHANGE_EVERY = 400;

  enum Kind { IN_ORDER, OUT_OF_ORDER, LATE, DUPLICATE }

  record Outgoing(Event event, Kind kind) {}

  record ProfileUpdate(String userId, UserProfile profile) {}

  /** A record that bypasses ingest (a foreign producer writing to the events topic): the dead-letter topic's fare. */
  record Poison(String key, byte[] value) {}

  /** One slice of traffic: profiles first (so the events after them are enriched), then events and garbage. */
  record Slice(List<ProfileUpdate> profiles, List<Outgoing> events, List<byte[]> malformed, List<Poison> poison) {}

  private record Delayed(long dueAt, Outgoing outgoing) {}

  private final Random random;
  private final Catalog catalog;
  private final Population population;
  private final String runId;
  private final boolean poisonViaKafka;
  private final PriorityQueue<Delayed> delayed = new PriorityQueue<>(Comparator.comparingLong(Delayed::dueAt));
  private List<Event> retries = new ArrayList<>();
  private long slots;
  private long sequence;
  private long malformedSent;

  TrafficModel(long seed, int activeUsers, boolean poisonViaKafka) {
    this.random = new Random(seed);
    this.catalog = new Catalog(150, seed);
    this.population = new Population(activeUsers, random);
    this.runId = Long.toString(Math.floorMod(seed, 36L * 36 * 36 * 36 * 36 * 36), 36);
    this.poisonViaKafka = poisonViaKafka;
  }

  /** The prefix of every eventId of this run: {@code demo-<run>-}. */
  String eventIdPrefix() {
    return "demo-" + runId + "-";
  }

  /** {@code count} new events with event times spread over [from, to), plus whatever delayed traffic is due by then. */
  Slice next(long from, long to, int count) {
    List<ProfileUpdate> profiles = new ArrayList<>();
    List<Outgoing> events = new ArrayList<>();
    List<byte[]> malformed = new ArrayList<>();
    List<Poison> poison = new ArrayList<>();
    long[] now = {from};
    retries.forEach(event -> events.add(new Outgoing(event, Kind.DUPLICATE)));
    retries = new ArrayList<>();
    Population.Listener listener = new Population.Listener() {
      @Override
      public void profileChanged(Shopper shopper) {
        profiles.add(new ProfileUpdate(shopper.id, shopper.profile));
      }

      @Override
      public void signedUp(Shopper shopper) {
        events.add(new Outgoing(event(shopper, "signup", null, null, now[0]), Kind.IN_ORDER));
      }
    };
    for (int i = 0; i < count; i++) {
      long time = from + (to - from) * i / count;
      now[0] = time;
      population.advance(time, listener);
      slots++;
      if (slots % MALFORMED_EVERY == FIRST_MALFORMED) {
        if (poisonViaKafka && malformedSent % 2 == 0) {
          Shopper shopper = population.anyOnline();
          poison.add(new Poison(shopper.id, malformed(shopper, time)));
        } else {
          malformed.add(malformed(population.anyOnline(), time));
        }
        malformedSent++;
        continue;
      }
      if (slots % PROFILE_CHANGE_EVERY == 0) {
        Shopper shopper = population.changeSomeone();
        profiles.add(new ProfileUpdate(shopper.id, shopper.profile));
      }
      route(activity(population.anyOnline(), time), time, events);
    }
    while (!delayed.isEmpty() && delayed.peek().dueAt() <= to) {
      events.add(delayed.poll().outgoing());
    }
    for (Outgoing outgoing : events) {
      if (outgoing.kind() != Kind.DUPLICATE && random.nextDouble() < DUPLICATE_SHARE) {
        retries.add(outgoing.event());
      }
    }
    return new Slice(profiles, events, malformed, poison);
  }

  /** Sends it now, or holds it back: a little (out of order) or a lot (late). */
  private void route(Event event, long time, List<Outgoing> now) {
    double draw = random.nextDouble();
    if (draw < LATE_SHARE) {
      delayed.add(new Delayed(time + 90_000 + (long) (random.nextDouble() * 450_000), new Outgoing(event, Kind.LATE)));
    } else if (draw < LATE_SHARE + OUT_OF_ORDER_SHARE) {
      delayed.add(new Delayed(time + 1_000 + (long) (random.nextDouble() * 19_000), new Outgoing(event, Kind.OUT_OF_ORDER)));
    } else {
      now.add(new Outgoing(event, Kind.IN_ORDER));
    }
  }

  /** Views mostly, then clicks, then orders with a value: what shoppers do on a product page. */
  private Event activity(Shopper shopper, long time) {
    String product = catalog.pick(random, time);
    int draw = random.nextInt(100);
    if (draw < 58) {
      return event(shopper, "view", product, null, time);
    }
    if (draw < 92) {
      return event(shopper, "click", product, null, time);
    }
    double value = Math.round(catalog.price(product) * (1 + random.nextInt(3)) * 100) / 100.0;
    return event(shopper, "order", product, value, time);
  }

  private Event event(Shopper shopper, String type, String product, Double value, long time) {
    Map<String, String> properties = product == null
        ? Map.of("device", shopper.device, "page", "/signup")
        : Map.of("device", shopper.device, "page", "/products/" + product);
    return new Event(eventIdPrefix() + Long.toString(++sequence, 36), type, shopper.id, product, value,
        Instant.ofEpochMilli(time), properties);
  }

  /** What a buggy client sends: cut-off JSON, a time that is not one, a value in words, no user. */
  private byte[] malformed(Shopper shopper, long time) {
    String id = eventIdPrefix() + "bad-" + malformedSent;
    String json = switch ((int) (malformedSent % 4)) {
      case 0 -> "{\"eventId\":\"" + id + "\",\"type\":\"click\",\"userId\":\"" + shopper.id + "\",\"timestamp\":" + time;
      case 1 -> "{\"eventId\":\"" + id + "\",\"type\":\"view\",\"userId\":\"" + shopper.id + "\",\"timestamp\":\"yesterday\"}";
      case 2 -> "{\"eventId\":\"" + id + "\",\"type\":\"order\",\"userId\":\"" + shopper.id
          + "\",\"value\":\"twelve ninety-nine\",\"timestamp\":" + time + "}";
      default -> "{\"eventId\":\"" + id + "\",\"type\":\"click\",\"timestamp\":" + time + "}";
    };
    return json.getBytes(StandardCharsets.UTF_8);
  }

  Population population() {
    return population;
  }

  Catalog catalog() {
    return catalog;
  }
}
