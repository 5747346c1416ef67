package io.pulse.demo;

import io.pulse.contracts.profile.UserProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The shoppers: each has a profile (country, plan) and a device, and comes and goes in sessions. A fixed number
 * is online at any moment; a session lasts minutes, then the shopper is away: usually for well over half an hour
 * (a new session for the 30-minute session windows), sometimes only for a short break that the session windows
 * bridge. Whoever takes a free place is a returning shopper whose time away is up, or else a new one, who signs
 * up. Profiles change now and then: an upgrade, a move to another country.
 */
final class Population {

  /** A shopper: the id and device stay, the profile may change. */
  static final class Shopper {
    final String id;
    final String device;
    UserProfile profile;
    long sessionEnds;
    long backAt;

    Shopper(String id, String device, UserProfile profile) {
      this.id = id;
      this.device = device;
      this.profile = profile;
    }
  }

  /** What a change of the online set means for the traffic: profiles to send, sign-ups to post. */
  interface Listener {
    void profileChanged(Shopper shopper);

    void signedUp(Shopper shopper);
  }

  static final long MINUTE = 60_000;
  static final long MEAN_SESSION = 6 * MINUTE;
  static final double SHORT_BREAK_SHARE = 0.25;
  private static final String[] COUNTRIES = {"US", "DE", "GB", "IN", "FR", "BR", "JP", "ES", "IT", "NL"};
  private static final int[] COUNTRY_WEIGHTS = {28, 12, 10, 10, 8, 8, 7, 6, 6, 5};
  private static final String[] PLANS = {"free", "pro", "enterprise"};
  private static final int[] PLAN_WEIGHTS = {70, 25, 5};
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final int[] DEVICE_WEIGHTS = {55, 38, 7};

  private final int target;
  private final Random random;
  private final List<Shopper> online = new ArrayList<>();
  private final PriorityQueue<Shopper> away = new PriorityQueue<>(Comparator.comparingLong((Shopper s) -> s.backAt));
  private int known;
  private boolean opened;
  private long nextSessionEnd = Long.MIN_VALUE;

  Population(int target, Random random) {
    this.target = target;
    this.random = random;
  }

  /**
   * Ends the sessions that are over at {@code eventTime} and fills the free places. The first call opens the
   * shop with existing customers (profiles, no sign-ups) part-way through their sessions.
   */
  void advance(long eventTime, Listener listener) {
    if (eventTime < nextSessionEnd && online.size() == target) {
      return; // nobody leaves yet: the common case, once per event
    }
    for (Iterator<Shopper> it = online.iterator(); it.hasNext(); ) {
      Shopper shopper = it.next();
      if (shopper.sessionEnds <= eventTime) {
        it.remove();
        shopper.backAt = shopper.sessionEnds + (random.nextDouble() < SHORT_BREAK_SHARE
            ? 2 * MINUTE + (long) (random.nextDouble() * 18 * MINUTE)
            : 35 * MINUTE + exponential(60 * MINUTE));
        away.add(shopper);
      }
    }
    while (online.size() < target) {
      Shopper shopper;
      if (!away.isEmpty() && away.peek().backAt <= eventTime) {
        shopper = away.poll();
      } else {
        shopper = new Shopper("user-" + ++known, pick(DEVICES, DEVICE_WEIGHTS),
            new UserProfile(pick(COUNTRIES, COUNTRY_WEIGHTS), pick(PLANS, PLAN_WEIGHTS)));
        listener.profileChanged(shopper);
        if (opened) {
          listener.signedUp(shopper);
        }
      }
      long length = Math.max(20_000, Math.min(45 * MINUTE, exponential(MEAN_SESSION)));
      shopper.sessionEnds = eventTime + (opened ? length : (long) (random.nextDouble() * length));
      online.add(shopper);
    }
    opened = true;
    nextSessionEnd = online.stream().mapToLong(shopper -> shopper.sessionEnds).min().orElse(Long.MIN_VALUE);
  }

  /** An online shopper, uniformly. */
  Shopper anyOnline() {
    return online.get(random.nextInt(online.size()));
  }

  /** Someone online upgrades their plan (two in three) or moves to another country; returns them. */
  Shopper changeSomeone() {
    Shopper shopper = anyOnline();
    UserProfile profile = shopper.profile;
    int plan = List.of(PLANS).indexOf(profile.plan());
    if (random.nextInt(3) < 2 && plan < PLANS.length - 1) {
      shopper.profile = new UserProfile(profile.country(), PLANS[plan + 1]);
    } else {
      String country;
      do {
        country = pick(COUNTRIES, COUNTRY_WEIGHTS);
      } while (country.equals(profile.country()));
      shopper.profile = new UserProfile(country, profile.plan());
    }
    return shopper;
  }

  int online() {
    return online.size();
  }

  int known() {
    return known;
  }

  private long exponential(long mean) {
    return (long) (-Math.log(1 - random.nextDouble()) * mean);
  }

  private String pick(String[] values, int[] weights) {
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int draw = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return values[i];
      }
    }
    throw new IllegalStateException("weights");
  }
}
