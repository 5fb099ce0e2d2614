package dev.sessiond.client;

/** sessiond answered 404: no such session, grant, API key or route, or one outside the caller's walls (codes such as {@code session_not_found}, {@code grant_not_found}, {@code api_key_not_found}). */
public class NotFoundException extends SessiondApiException {
  private static final long serialVersionUID = 1L;

  /** See {@link SessiondApiException#SessiondApiException(int, String, String, Throwable)}. */
  public NotFoundException(int status, String code, String detail) {
    super(status, code, detail, null);
  }
}
