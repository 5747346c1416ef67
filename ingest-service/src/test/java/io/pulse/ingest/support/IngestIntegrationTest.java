package io.pulse.ingest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against a real KRaft broker ({@link KafkaTestBroker}: in the
 * test JVM by default, in a container under -Pcontainers). Every class carrying this annotation shares one application context and
 * one broker. The broker does not auto-create topics, so the service's own declarations are tested too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"pulse.ingest.api-keys=" + IngestClient.API_KEY + "," + IngestClient.SECOND_API_KEY,
        "pulse.ingest.warm-up-requests=" + IngestClient.WARM_UP_REQUESTS})
@ContextConfiguration(initializers = KafkaTestBroker.Initializer.class)
public @interface IngestIntegrationTest {}
