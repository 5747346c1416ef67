package io.pulse.query.web;

/** A query parameter the API cannot answer; becomes a 400 problem naming the parameter. */
public class BadQueryException extends RuntimeException {

  private final String parameter;
  private final String code;

  public BadQueryException(String parameter, String code, String message) {
    super(message);
    this.parameter = parameter;
    this.code = code;
  }

  public String parameter() {
    return parameter;
  }

  public String code() {
    return code;
  }
}
