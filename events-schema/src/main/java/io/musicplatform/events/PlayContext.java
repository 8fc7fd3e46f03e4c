package io.musicplatform.events;

/**
 * Where a play happened, as reported by the client and the gateway; stats-service groups plays by
 * these values.
 *
 * @param platform client platform, lowercase, e.g. web, ios, android, desktop
 * @param device   device class, lowercase, e.g. phone, tablet, computer, speaker
 * @param country  listener's country, ISO 3166-1 alpha-2; null when it could not be determined
 */
public record PlayContext(String platform, String device, String country) {

    public PlayContext {
        Required.nonEmpty(platform, "PlayContext", "platform");
        Required.nonEmpty(device, "PlayContext", "device");
    }
}
