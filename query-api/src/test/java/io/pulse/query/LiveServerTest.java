package io.pulse.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A query API on a random port, with quick stream timings and a small stream cap so the limits
 * can be tested; every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulse.query.stream.poll-interval=200ms",
    "pulse.query.stream.heartbeat=1s",
    "pulse.query.stream.max-subscribers=6",
    "pulse.query.status-ttl=200ms"})
public @interface LiveServerTest {}
