package io.musicplatform.catalog.mapping;

import io.musicplatform.catalog.service.NotificationService;
import io.musicplatform.catalog.service.SubscriptionService;
import io.musicplatform.events.CatalogNotification;

/** A notification as catalog-changes carries it, to the service's own, which the API's views are made from. */
public final class NotificationMapper {

    private NotificationMapper() {
    }

    /**
     * @param sequence the listener's number of the change the event carries
     * @throws IllegalArgumentException for a matched kind the service does not know
     */
    public static NotificationService.Notification fromEvent(CatalogNotification event, long sequence) {
        CatalogNotification.NotificationMatch matched = event.matched();
        return new NotificationService.Notification(event.id(), event.kind(), sequence, event.createdAt(), event.updatedAt(),
                event.read(),
                matched == null ? null : SubscriptionService.Kind.valueOf(matched.kind()),
                matched == null ? null : matched.id(),
                matched == null ? null : matched.name(),
                event.album() == null ? null : event.album().id(),
                event.album() == null ? null : event.album().title(),
                event.tracks().stream().map(track -> new NotificationService.NotifiedTrack(track.id(), track.title())).toList(),
                event.playlist() == null ? null : event.playlist().id(),
                event.playlist() == null ? null : event.playlist().name(),
                event.changedBy(), event.changes());
    }
}
