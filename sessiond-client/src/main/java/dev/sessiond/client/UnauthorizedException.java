package dev.sessiond.client;

/** sessiond answered 401 {@code unauthorized}: no API key was configured, or it is not a live key (revoked, unknown), or an access token used for self-service is no longer active. */
public class UnauthorizedException extends SessiondApiException {
  private static final long serialVersionUID = 1L;

  /** See {@link SessiondApiException#SessiondApiException(int, String, String, Throwable)}. */
  public UnauthorizedException(int status, String code, String detail) {
    super(status, code, detail, null);
  }
}
