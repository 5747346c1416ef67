package io.pulse.ingest.web;

/** The 202 body: how many events (or profiles) Kafka acknowledged. */
public record Accepted(int accepted) {}
