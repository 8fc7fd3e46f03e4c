package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.mapping.TrackMapper;
import io.musicplatform.catalog.service.FeedService;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller's personalized feed: new releases of the artists and genres they follow, newest first,
 * then well-rated older tracks of the genres they follow that they have not rated (FeedService says
 * the rule).
 */
@Path("/me/feed")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
@APIResponse(responseCode = "401", description = "No valid access token")
public class FeedResource {

    private static final String PATH = "/api/catalog/me/feed";

    /** One item of the feed: which section it belongs to, and the track. */
    @Schema(name = "FeedItem")
    public record FeedItemView(@Schema(examples = "NEW_RELEASE") FeedService.Section section, TrackView track) {
    }

    private final FeedService feed;
    private final JsonWebToken token;

    public FeedResource(FeedService feed, JsonWebToken token) {
        this.feed = feed;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getMyFeed", summary = "New releases you follow, newest first, then well-rated tracks of your genres you have not rated")
    @APIResponse(responseCode = "200", description = "A page of the feed; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid")
    public Uni<Page<FeedItemView>> getMyFeed(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                             @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        Optional<FeedService.After> after = PageCursor.read(cursor, 4, PATH, values -> {
            FeedService.Section section = FeedService.Section.valueOf(values[0]);
            // Parsed here so that a cursor not given by the service is a 400, not an error of the query.
            if (section == FeedService.Section.NEW_RELEASE) {
                Instant.parse(values[1]);
            } else {
                new BigDecimal(values[1]);
            }
            return new FeedService.After(section, values[1], Long.parseLong(values[2]), UUID.fromString(values[3]));
        });
        return feed.feed(token.getSubject(), after, limit + 1).map(found -> Page.ofOneMore(found, limit, last -> PageCursor.encode(
                        last.section().name(),
                        last.section() == FeedService.Section.NEW_RELEASE ? last.detail().track().createdAt.toString()
                                : last.average().toPlainString(),
                        String.valueOf(last.detail().track().ratingCount), last.detail().track().id.toString()),
                item -> new FeedItemView(item.section(),
                        TrackMapper.view(item.detail().track(), item.detail().artists(), item.detail().album()))));
    }
}
