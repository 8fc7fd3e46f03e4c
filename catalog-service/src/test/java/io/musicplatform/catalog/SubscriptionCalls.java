package io.musicplatform.catalog;

import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackStatus;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The subscription calls the catalog's tests share: follow, unfollow, start from nothing, an artist the catalog knows. */
public final class SubscriptionCalls {

    public static final String SUBSCRIPTIONS = "/api/catalog/me/subscriptions";

    private SubscriptionCalls() {
    }

    public static ValidatableResponse follow(String token, String what) {
        return given().auth().oauth2(token).put(SUBSCRIPTIONS + what).then();
    }

    public static ValidatableResponse unfollow(String token, String what) {
        return given().auth().oauth2(token).delete(SUBSCRIPTIONS + what).then();
    }

    /** Stops following everything, so that a test starts from nothing whatever ran before it. */
    public static void unfollowAll(String token) {
        List<List<String>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(SUBSCRIPTIONS).then().statusCode(200).extract();
            List<String> kinds = page.path("items.kind");
            List<String> ids = page.path("items.id");
            for (int i = 0; i < kinds.size(); i++) {
                all.add(List.of(kinds.get(i), ids.get(i)));
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        for (List<String> subscription : all) {
            unfollow(token, (subscription.get(0).equals("ARTIST") ? "/artists/" : "/genres/") + subscription.get(1)).statusCode(204);
        }
    }

    /** An artist the catalog knows, from a track of theirs; their id. */
    public static String knownArtist(String token, String name) {
        String track = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(track, 1, TrackStatus.AVAILABLE, "Premier titre", List.of(name), null, "seed"));
        String id = ArtistId.of(name);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(token)
                .get("/api/catalog/artists/" + id).statusCode() == 200);
        return id;
    }
}
