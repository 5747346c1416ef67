package io.pulse.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A query API on a random port, with quick stream timings and a small stream cap so the limits
 * can be tested, read keys on ({@link ReadKey}) and one other origin allowed ({@link #ALLOWED_ORIGIN});
 * every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulse.query.stream.poll-interval=200ms",
    "pulse.query.stream.heartbeat=1s",
    "pulse.query.stream.max-subscribers=6",
    "pulse.query.status-ttl=200ms",
    "pulse.query.cors.allowed-origins=" + LiveServerTest.ALLOWED_ORIGIN})
public @interface LiveServerTest {

  /** The one origin besides the service's own whose pages may call the API. */
  String ALLOWED_ORIGIN = "http://dashboards.example:8080";
}
