package dev.sessiond.client;

/** sessiond answered 403: the caller may not call the method ({@code method_not_permitted}) or not in the tenant it named ({@code tenant_not_permitted}). */
public class ForbiddenException extends SessiondApiException {
  private static final long serialVersionUID = 1L;

  /** See {@link SessiondApiException#SessiondApiException(int, String, String, Throwable)}. */
  public ForbiddenException(int status, String code, String detail) {
    super(status, code, detail, null);
  }
}
