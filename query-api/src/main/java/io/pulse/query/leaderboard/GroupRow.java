package io.pulse.query.leaderboard;

/**
 * One group's rows of a window, or of several windows, combined (newest revisions only): the measure as
 * {@link io.pulse.query.window.MeasureCombining} combines it, counts, revisions and late counts added,
 * final when all rows are, amended when any is.
 */
record GroupRow(String key, double value, long count, long revision, boolean isFinal, boolean amended, long lateCount) {}
