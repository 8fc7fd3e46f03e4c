package io.musicplatform.ingestion.analysis;

/**
 * What ingestion learnt from a file's own bytes: its format by content, its size and SHA-256, the
 * audio's facts from its headers, and its tags.
 */
public record AudioAnalysis(AudioFormat format, long sizeBytes, String sha256, long durationMs,
                            Integer bitrateKbps, Integer sampleRateHz, Tags tags) {
}
