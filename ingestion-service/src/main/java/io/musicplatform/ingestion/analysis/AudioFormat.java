package io.musicplatform.ingestion.analysis;

/**
 * The audio formats ingestion accepts, as recognised from a file's own bytes: the MIME type stored
 * with the object and published in the event, the codec, and the file extension jaudiotagger chooses
 * its reader by.
 */
public enum AudioFormat {
    MP3("audio/mpeg", "mp3", "mp3"),
    FLAC("audio/flac", "flac", "flac"),
    OGG_VORBIS("audio/ogg", "vorbis", "ogg"),
    OPUS("audio/opus", "opus", "opus"),
    M4A("audio/mp4", "aac", "m4a"),
    WAV("audio/wav", "pcm", "wav");

    private final String contentType;
    private final String codec;
    private final String extension;

    AudioFormat(String contentType, String codec, String extension) {
        this.contentType = contentType;
        this.codec = codec;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The codec as the event names it, lowercase. */
    public String codec() {
        return codec;
    }

    /** Without the dot. */
    public String extension() {
        return extension;
    }
}
