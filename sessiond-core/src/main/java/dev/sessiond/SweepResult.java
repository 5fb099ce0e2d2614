package dev.sessiond;

/**
 * What one sweep did.
 *
 * @param expired sessions marked expired
 * @param purged ended sessions deleted after their retention window
 */
public record SweepResult(int expired, int purged) {}
