package io.pulse.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shop's products and how popular they are: Zipf-distributed (rank r is picked in proportion to
 * 1/r^{@value #EXPONENT}), so a few products get most of the attention and a long tail gets a little. The ranking
 * moves with event time: neighbours in the top ten swap places every minute and now and then a product from the
 * middle of the list becomes a hit, so the leaderboards re-rank while you watch.
 */
final class Catalog {

  static final double EXPONENT = 1.1;
  static final int HIT_EVERY_MINUTES = 7;
  private static final String[] NAMES = {"espresso-machine", "noise-cancelling-headphones", "trail-running-shoes",
      "standing-desk", "mechanical-keyboard", "smart-thermostat", "cast-iron-skillet", "yoga-mat", "e-reader",
      "air-fryer", "robot-vacuum", "gaming-mouse", "electric-toothbrush", "french-press", "rain-jacket",
      "wireless-earbuds", "hiking-backpack", "desk-lamp", "water-bottle", "bluetooth-speaker", "chef-knife",
      "office-chair", "fitness-tracker", "sleeping-bag", "action-camera", "coffee-grinder", "monitor-arm",
      "blender", "sunglasses", "portable-charger", "dumbbell-set", "tent", "drone", "vinyl-turntable",
      "smart-watch", "kettle", "usb-c-hub", "winter-boots", "road-bike-helmet", "webcam", "board-game",
      "houseplant-kit", "duvet", "rice-cooker", "ergonomic-footrest", "camping-stove", "pour-over-set",
      "travel-mug", "laptop-sleeve", "bike-lights"};
  private static final String[] EDITIONS = {"", "-pro", "-mini"};

  private final List<String> products = new ArrayList<>();
  private final double[] prices;
  /** byRank[r] = index of the product currently at rank r. */
  private final int[] byRank;
  private final double[] cumulative;
  private final long seed;
  private long shiftedThroughMinute = Long.MIN_VALUE;

  Catalog(int size, long seed) {
    this.seed = seed;
    if (size < 10 || size > NAMES.length * EDITIONS.length) {
      throw new IllegalArgumentException("catalog size must be 10.." + NAMES.length * EDITIONS.length);
    }
    for (int i = 0; products.size() < size; i++) {
      products.add(NAMES[i % NAMES.length] + EDITIONS[i / NAMES.length]);
    }
    prices = new double[size];
    byRank = new int[size];
    cumulative = new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      byRank[i] = i;
      total += 1 / Math.pow(i + 1, EXPONENT);
      cumulative[i] = total;
      // A stable price per product: 4.99 .. 499.99, cheaper items more common.
      double unit = ((products.get(i).hashCode() & 0x7fffffff) % 10_000) / 10_000.0;
      prices[i] = Math.round((5 + 495 * unit * unit) * 100 - 1) / 100.0;
    }
    for (int i = 0; i < size; i++) {
      cumulative[i] /= total;
    }
  }

  int size() {
    return products.size();
  }

  /** A product drawn by popularity as of {@code eventTime}. */
  String pick(Random random, long eventTime) {
    shiftTo(eventTime);
    double draw = random.nextDouble();
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] < draw) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return products.get(byRank[low]);
  }

  double price(String product) {
    return prices[products.indexOf(product)];
  }

  /** The product at {@code rank} (0 = most popular) as of the last pick. */
  String atRank(int rank) {
    return products.get(byRank[rank]);
  }

  /** Applies the once-a-minute shifts up to the minute of {@code eventTime} (the first call only starts the count). */
  private void shiftTo(long eventTime) {
    long minute = Math.floorDiv(eventTime, 60_000);
    if (shiftedThroughMinute == Long.MIN_VALUE || minute < shiftedThroughMinute) {
      shiftedThroughMinute = Math.max(minute, shiftedThroughMinute);
      return;
    }
    for (long m = Math.max(shiftedThroughMinute + 1, minute - 60); m <= minute; m++) {
      shift(m, new Random(seed * 31 + m));
    }
    shiftedThroughMinute = minute;
  }

  /**
   * One minute's change: two neighbours in the top ten swap places (now and then the leader is overtaken), and every
   * {@value #HIT_EVERY_MINUTES}th minute a product from ranks 10..39 becomes a hit at rank 2..4, from where it may
   * climb. Gentle enough that the leader's chart runs on from window to window.
   */
  private void shift(long minute, Random random) {
    for (int swaps = 0; swaps < 2; swaps++) {
      int rank = random.nextInt(9);
      int other = byRank[rank];
      byRank[rank] = byRank[rank + 1];
      byRank[rank + 1] = other;
    }
    if (minute % HIT_EVERY_MINUTES == 0) {
      int from = 10 + random.nextInt(Math.min(30, byRank.length - 10));
      int to = 2 + random.nextInt(3);
      int hit = byRank[from];
      System.arraycopy(byRank, to, byRank, to + 1, from - to);
      byRank[to] = hit;
    }
  }
}
