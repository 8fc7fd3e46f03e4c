package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.NotificationService;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The caller's new-release notifications, newest first, and marking them read. */
@Path("/me/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@APIResponse(responseCode = "401", description = "No valid access token")
public class NotificationResource {

    private static final String PATH = "/api/catalog/me/notifications";

    private final NotificationService notifications;
    private final JsonWebToken token;

    public NotificationResource(NotificationService notifications, JsonWebToken token) {
        this.notifications = notifications;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMyNotifications", summary = "Your notifications, newest first, with how many are unread")
    @APIResponse(responseCode = "200", description = "A page of notifications; pass nextCursor as ?cursor= for the next",
            content = @Content(schema = @Schema(implementation = SubscriptionViews.NotificationPage.class)))
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid")
    public Uni<SubscriptionViews.NotificationPage> listMyNotifications(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        Optional<NotificationService.After> after = PageCursor.read(cursor, 2, PATH,
                values -> new NotificationService.After(Instant.parse(values[0]), UUID.fromString(values[1])));
        String user = token.getSubject();
        return notifications.list(user, after, limit + 1)
                .map(found -> Page.ofOneMore(found, limit, last -> PageCursor.encode(last.createdAt().toString(), last.id().toString()),
                        SubscriptionViews::view))
                .chain(page -> notifications.unreadCount(user)
                        .map(unread -> new SubscriptionViews.NotificationPage(page.items(), page.nextCursor(), unread)));
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markMyNotificationsRead", summary = "Mark read a notification of yours and every older one")
    @APIResponse(responseCode = "204", description = "They are read")
    @APIResponse(responseCode = "400", description = "upTo is missing or not a notification id")
    @APIResponse(responseCode = "404", description = "You have no notification with that id")
    public Uni<Response> markMyNotificationsRead(@Valid @NotNull SubscriptionViews.MarkRead request) {
        UUID upTo = UUID.fromString(request.upTo());
        return notifications.markRead(token.getSubject(), upTo).map(result -> {
            if (result == NotificationService.ReadResult.NOT_FOUND) {
                throw new NotFoundException("You have no notification with the id " + upTo + ".");
            }
            return Response.noContent().build();
        });
    }
}
