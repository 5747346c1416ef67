package io.pulse.query.series;

import io.pulse.query.QueryProperties;
import io.pulse.query.status.AggregationStatus;
import io.pulse.query.status.AggregationStatusService;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads the points of a series, at most the configured number; more are marked as truncated. */
@Service
class SeriesService {

  private final SeriesRepository repository;
  private final AggregationStatusService statuses;
  private final int maxPoints;

  SeriesService(SeriesRepository repository, AggregationStatusService statuses, QueryProperties properties) {
    this.repository = repository;
    this.statuses = statuses;
    this.maxPoints = properties.series().maxPoints();
  }

  Series series(SeriesQuery query) {
    AggregationStatus status = statuses.status(query.aggregation());
    List<Series.Point> points = repository.points(query.aggregation(), query.measure(), query.range().from(),
        query.range().to(), query.key(), query.facetFilters(), maxPoints + 1);
    boolean truncated = points.size() > maxPoints;
    return new Series(query.aggregation(), query.windowType(), query.key(), query.range().from(), query.range().to(),
        status.watermark(), status.lateEvents(), truncated, truncated ? points.subList(0, maxPoints) : points);
  }
}
