package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogChangesTopic;
import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.PlaylistChange;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change to a shared playlist by one member notifies the others (not its author), the changes of a
 * window gather in one notification, and every change goes out on catalog-changes keyed by the
 * playlist with versions that grow by one.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class PlaylistChangeNotificationTest extends CatalogApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aCollaboratorsChangesNotifyTheOwnerOnceAndReachTheTopicInVersionOrder() {
        String owner = tokens().operator();
        String guest = tokens().listener();
        String guestId = TestTokens.subject(guest);
        List<String> tracks = PlaylistCalls.playableTracks(owner, 2);
        String name = "Partagée " + UUID.randomUUID().toString().substring(0, 8);
        String playlist = PlaylistCalls.create(owner, name, "PRIVATE");
        String invitation = given().auth().oauth2(owner).post("/api/catalog/playlists/" + playlist + "/invitations")
                .then().statusCode(201).extract().path("token");
        given().auth().oauth2(guest).contentType("application/json").body("{\"invitation\": \"" + invitation + "\"}")
                .post("/api/catalog/playlists/" + playlist + "/collaborators").then().statusCode(200);

        // The owner's own change notifies the collaborator; the collaborator's two notify the owner, in one notification.
        PlaylistCalls.add(owner, playlist, 2, List.of(tracks.get(0)), null).statusCode(200);
        PlaylistCalls.add(guest, playlist, 3, List.of(tracks.get(1)), 0).statusCode(200);
        PlaylistCalls.rename(guest, playlist, 4, name + " (v2)").statusCode(200);

        List<Map<String, Object>> ownerSees = playlistNotifications(owner, playlist);
        assertThat(ownerSees).hasSize(1);
        assertThat(ownerSees.getFirst()).containsEntry("kind", "playlist-change").containsEntry("changes", 2)
                .containsEntry("changedBy", TestTokens.claims(guest).getClaimValueAsString("preferred_username"))
                .containsEntry("read", false).containsEntry("matched", null).containsEntry("tracks", List.of());
        assertThat(ownerSees.getFirst().get("playlist")).isEqualTo(Map.of("id", playlist, "name", name + " (v2)"));
        List<Map<String, Object>> guestSees = playlistNotifications(guest, playlist);
        assertThat(guestSees).hasSize(1);
        assertThat(guestSees.getFirst()).containsEntry("changes", 1);

        // join (2), add (3), add (4), update (5): each on the topic, in order, with what a client needs to apply it.
        await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(playlist).size() == 4);
        List<PlaylistChange> changes = CatalogChangesTopic.changesFor(playlist).stream().map(CatalogChanged::playlist).toList();
        assertThat(changes).extracting(PlaylistChange::version).containsExactly(2L, 3L, 4L, 5L);
        assertThat(changes).extracting(PlaylistChange::change).containsExactly("join", "add", "add", "update");
        assertThat(changes.get(0).byUserId()).isEqualTo(guestId);
        PlaylistChange guestAdd = changes.get(2);
        assertThat(guestAdd.byUserId()).isEqualTo(guestId);
        assertThat(guestAdd.trackIds()).extracting(UUID::toString).containsExactly(tracks.get(1));
        assertThat(guestAdd.index()).isZero();
        List<String[]> entries = PlaylistCalls.entries(owner, playlist, "all");
        assertThat(guestAdd.entryIds()).extracting(UUID::toString).containsExactly(entries.getFirst()[0]);
        assertThat(changes.get(3).name()).isEqualTo(name + " (v2)");

        // The collaborator's removal and move are published too; deleting the playlist is its last change.
        PlaylistCalls.move(owner, playlist, 5, entries.get(1)[0], 0).statusCode(200);
        PlaylistCalls.remove(owner, playlist, 6, entries.getFirst()[0]).statusCode(200);
        given().auth().oauth2(owner).header("If-Match", "\"7\"").delete("/api/catalog/playlists/" + playlist).then().statusCode(204);
        await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(playlist).size() == 7);
        List<PlaylistChange> later = CatalogChangesTopic.changesFor(playlist).stream().map(CatalogChanged::playlist).toList().subList(4, 7);
        assertThat(later).extracting(PlaylistChange::change).containsExactly("move", "remove", "delete");
        assertThat(later).extracting(PlaylistChange::version).containsExactly(6L, 7L, 8L);
        assertThat(later.get(0).entryIds()).extracting(UUID::toString).containsExactly(entries.get(1)[0]);
        assertThat(later.get(0).index()).isZero();
        assertThat(later.get(1).trackIds()).extracting(UUID::toString).containsExactly(tracks.get(1));
        // The collaborator's notification gathered the owner's three edits after its first.
        assertThat(playlistNotifications(guest, playlist).getFirst()).containsEntry("changes", 3);
    }

    private static List<Map<String, Object>> playlistNotifications(String token, String playlist) {
        return given().auth().oauth2(token).queryParam("limit", 100).get("/api/catalog/me/notifications")
                .then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream()
                .filter(n -> n.get("playlist") instanceof Map<?, ?> p && playlist.equals(p.get("id")))
                .toList();
    }
}
