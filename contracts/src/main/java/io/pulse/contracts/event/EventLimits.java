package io.pulse.contracts.event;

/** Size limits every event must respect; shared by the ingest edge and the stream's DLQ check. */
public final class EventLimits {

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_TYPE_LENGTH = 64;
  public static final int MAX_PROPERTIES = 32;
  public static final int MAX_PROPERTY_KEY_LENGTH = 64;
  public static final int MAX_PROPERTY_VALUE_LENGTH = 512;

  private EventLimits() {}
}
