package dev.sessiond.client.verify;

import java.time.Instant;

/**
 * A snapshot of a {@link LocalVerifier}'s health, for health checks and metrics.
 *
 * @param fresh whether the last frame of the event feed is younger than the configured maximum
 *     staleness
 * @param lastFrameAt when the last frame (event or heartbeat) arrived, by the verifier's clock;
 *     {@code null} before the first
 * @param position the feed position the verifier has reached; -1 before the first frame with one
 * @param acceptedWhileStale how many tokens were accepted in fail-open mode while stale
 * @param jwksFetches how many times the key set has been fetched (successfully or not)
 */
public record VerifierStatus(boolean fresh, Instant lastFrameAt, long position,
    long acceptedWhileStale, long jwksFetches) {}
