package io.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.event.EventValidationException;
import io.pulse.demo.TrafficModel.Kind;
import io.pulse.demo.TrafficModel.Outgoing;
import io.pulse.demo.TrafficModel.Slice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The traffic the demo sends, run for two hours of event time without a network: the shares it promises. */
class TrafficModelTest {

  private static final long START = 1_790_000_000_000L;
  private static final long TICK = 500;
  private static final int PER_TICK = 25;

  /** One run shared by the tests that only read it (a run takes seconds). */
  private static final TrafficModel MODEL = new TrafficModel(7, 300, true);
  private static final List<Slice> RUN = twoHours(MODEL);

  /** Two hours of event time at 50 events/s, sliced like the live generator slices it. */
  private static List<Slice> twoHours(TrafficModel model) {
    List<Slice> slices = new ArrayList<>();
    for (long t = START; t < START + 2 * 3_600_000; t += TICK) {
      slices.add(model.next(t, t + TICK, PER_TICK));
    }
    return slices;
  }

  @Test
  void mostEventsArriveInOrderAFewOutOfOrderSomeLateAndAFewTwice() {
    List<Slice> slices = RUN;
    Map<Kind, Integer> kinds = new HashMap<>();
    slices.forEach(slice -> slice.events().forEach(outgoing -> kinds.merge(outgoing.kind(), 1, Integer::sum)));
    double sent = kinds.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(kinds.get(Kind.OUT_OF_ORDER) / sent).isCloseTo(TrafficModel.OUT_OF_ORDER_SHARE, within(0.003));
    assertThat(kinds.get(Kind.LATE) / sent).isCloseTo(TrafficModel.LATE_SHARE, within(0.002));
    assertThat(kinds.get(Kind.DUPLICATE) / sent).isCloseTo(TrafficModel.DUPLICATE_SHARE, within(0.001));
  }

  @Test
  void heldBackEventsArriveBehindTheNewestEventTimeByWhatTheirKindPromises() {
    long newest = Long.MIN_VALUE;
    List<Long> outOfOrder = new ArrayList<>();
    List<Long> late = new ArrayList<>();
    for (Slice slice : RUN) {
      for (Outgoing outgoing : slice.events()) {
        newest = Math.max(newest, outgoing.event().timestamp().toEpochMilli());
      }
      for (Outgoing outgoing : slice.events()) {
        long behind = newest - outgoing.event().timestamp().toEpochMilli();
        if (outgoing.kind() == Kind.OUT_OF_ORDER) {
          outOfOrder.add(behind);
        } else if (outgoing.kind() == Kind.LATE) {
          late.add(behind);
        }
      }
    }
    // Within the smallest shipped grace (30 s) ...
    assertThat(outOfOrder).allSatisfy(behind -> assertThat(behind).isBetween(1_000L - TICK, 20_000L + TICK));
    // ... and beyond the 30 s and 1 min graces; a share also beyond 5 minutes.
    assertThat(late).allSatisfy(behind -> assertThat(behind).isBetween(90_000L - TICK, 540_000L + TICK));
    assertThat(late.stream().filter(behind -> behind > 330_000).count()).isGreaterThan(late.size() / 10);
  }

  @Test
  void duplicatesAreTheSameEventAgainAndEverythingElseHasItsOwnId() {
    Set<String> ids = new HashSet<>();
    Map<String, Event> byId = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Slice slice : RUN) {
      for (Outgoing outgoing : slice.events()) {
        Event event = outgoing.event();
        if (outgoing.kind() == Kind.DUPLICATE) {
          if (!event.equals(byId.get(event.eventId()))) {
            wrong.add("a retry that repeats no event sent before: " + event);
          }
        } else if (!ids.add(event.eventId())) {
          wrong.add("eventId used twice: " + event);
        } else {
          byId.put(event.eventId(), event);
        }
        if (ids.size() % 100 == 0) {
          assertThat(EventJson.read(EventJson.write(event))).as("valid, and the same after a round trip").isEqualTo(event);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aRareMalformedRecordGoesToIngestOrAroundItAndNoneOfThemIsAValidEvent() {
    List<byte[]> refusedByIngest = new ArrayList<>();
    List<byte[]> poison = new ArrayList<>();
    for (Slice slice : RUN) {
      refusedByIngest.addAll(slice.malformed());
      slice.poison().forEach(record -> poison.add(record.value()));
    }
    long slots = 2 * 3_600_000 / TICK * PER_TICK;
    assertThat(refusedByIngest.size() + poison.size()).isEqualTo((int) (slots / TrafficModel.MALFORMED_EVERY));
    assertThat(poison).hasSize(refusedByIngest.size());
    for (byte[] json : concat(refusedByIngest, poison)) {
      Assertions.assertThatThrownBy(() -> EventJson.read(json)).isInstanceOf(EventValidationException.class);
    }
    List<Slice> withoutKafka = twoHours(new TrafficModel(7, 300, false));
    assertThat(withoutKafka).allSatisfy(slice -> assertThat(slice.poison()).isEmpty());
    assertThat(withoutKafka.stream().mapToInt(slice -> slice.malformed().size()).sum())
        .isEqualTo(refusedByIngest.size() + poison.size());
  }

  @Test
  void everyShopperHasAProfileBeforeTheirFirstEventAndProfilesChangeWhileItRuns() {
    Map<String, Integer> profilesSent = new HashMap<>();
    Set<String> withoutProfile = new HashSet<>();
    int signups = 0;
    for (Slice slice : RUN) {
      slice.profiles().forEach(update -> profilesSent.merge(update.userId(), 1, Integer::sum));
      for (Outgoing outgoing : slice.events()) {
        if (!profilesSent.containsKey(outgoing.event().userId())) {
          withoutProfile.add(outgoing.event().userId());
        }
        if (outgoing.event().type().equals("signup") && outgoing.kind() != Kind.DUPLICATE) {
          signups++;
        }
      }
    }
    assertThat(withoutProfile).as("users with events before their profile").isEmpty();
    assertThat(profilesSent.values().stream().filter(count -> count > 1).count()).as("shoppers whose profile changed")
        .isGreaterThan(100);
    assertThat(signups).as("new shoppers").isGreaterThan(500);
  }

  @Test
  void theRankingShiftsEveryMinuteTheLeaderNowAndThenAndPopularityIsZipf() {
    Catalog catalog = new Catalog(150, 7);
    java.util.Random random = new java.util.Random(7);
    List<List<String>> topFive = new ArrayList<>();
    for (long minute = 0; minute < 120; minute++) {
      catalog.pick(random, START + minute * 60_000);
      topFive.add(List.of(catalog.atRank(0), catalog.atRank(1), catalog.atRank(2), catalog.atRank(3), catalog.atRank(4)));
    }
    long reordered = 0;
    Set<String> leaders = new HashSet<>();
    for (int m = 1; m < topFive.size(); m++) {
      reordered += topFive.get(m).equals(topFive.get(m - 1)) ? 0 : 1;
      leaders.add(topFive.get(m).getFirst());
    }
    assertThat(reordered).as("minutes whose top five differ from the minute before").isGreaterThan(40);
    assertThat(leaders).as("leaders over two hours").hasSizeBetween(4, 40);

    Map<String, Integer> clicks = new HashMap<>();
    for (Slice slice : RUN.subList(0, 120)) {   // one minute
      slice.events().forEach(outgoing -> {
        if (outgoing.event().entityId() != null) {
          clicks.merge(outgoing.event().entityId(), 1, Integer::sum);
        }
      });
    }
    List<Integer> counts = clicks.values().stream().sorted((a, b) -> b - a).toList();
    assertThat(counts.getFirst()).as("the leader far ahead of the median product").isGreaterThan(5 * counts.get(counts.size() / 2));
  }

  @Test
  void sessionsEndAndShoppersComeBackAfterAShortBreakOrMuchLater() {
    Map<String, List<Long>> times = new HashMap<>();
    for (Slice slice : RUN) {
      slice.events().stream().filter(outgoing -> outgoing.kind() == Kind.IN_ORDER).forEach(outgoing ->
          times.computeIfAbsent(outgoing.event().userId(), u -> new ArrayList<>()).add(outgoing.event().timestamp().toEpochMilli()));
    }
    int shortBreaks = 0;
    int newSessions = 0;
    for (List<Long> userTimes : times.values()) {
      for (int i = 1; i < userTimes.size(); i++) {
        long gap = userTimes.get(i) - userTimes.get(i - 1);
        if (gap >= 2 * 60_000 && gap < 30 * 60_000) {
          shortBreaks++;
        } else if (gap >= 35 * 60_000) {
          newSessions++;
        }
      }
    }
    assertThat(shortBreaks).as("breaks a 30-minute session window bridges").isGreaterThan(50);
    assertThat(newSessions).as("returns after more than 35 minutes: a new session").isGreaterThan(50);
    assertThat(MODEL.population().online()).isEqualTo(300);
  }

  private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
    List<byte[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
