package io.pulse.ingest.web;

/** The body of a validation: how many events the batch holds and the bytes they would take on the events topic. */
public record Validated(int valid, long bytes) {}
