package dev.sessiond.store;

import java.time.Instant;
import java.util.List;

/** The ability to keep the keys that sign access tokens, shared by every node on one backend. */
public interface SigningKeyStore {

  /**
   * Makes {@code next} the active key of its algorithm: every active key of that algorithm is
   * retired at {@code now} and {@code next} is stored, atomically.
   *
   * @throws IllegalStateException if a key with the same kid exists
   */
  void rotateSigningKey(SigningKeyRecord next, Instant now);

  /**
   * Every stored key, active and retired.
   *
   * @return never {@code null}; oldest first
   */
  List<SigningKeyRecord> signingKeys();

  /**
   * Deletes keys retired before {@code cutoff}: keys that can no longer have valid tokens.
   *
   * @return how many were deleted
   */
  int deleteSigningKeysRetiredBefore(Instant cutoff);
}
