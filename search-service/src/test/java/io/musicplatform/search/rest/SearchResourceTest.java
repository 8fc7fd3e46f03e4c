package io.musicplatform.search.rest;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.search.SearchApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What a listener relies on when searching, with real tokens, over a small catalog published on the
 * real Kafka and indexed in the real OpenSearch: typos and missing accents forgiven, words of title
 * and artist mixed, the exact title first, then the artist, then the album; filters, facets,
 * highlights, completions; and every bad parameter named in a 400.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class SearchResourceTest extends SearchApiTest {

    /** Genres of this class's catalog: no other test uses them, so the facets count only these tracks. */
    private static final String ELECTRONIC = "electronicfixture";
    private static final String POP = "popfixture";

    static final TrackIngested MIDNIGHT_OCEAN = track("Midnight Ocean", List.of("Luna Waves"), "Tides", POP, 2019);
    static final TrackIngested ONE_MORE_TIME = track("One More Time", List.of("Daft Punk"), "Discovery", ELECTRONIC, 2001);
    static final TrackIngested DIGITAL_LOVE = track("Digital Love", List.of("Daft Punk"), "Discovery", ELECTRONIC, 2001);
    static final TrackIngested MORE_THAN_A_FEELING = track("More Than a Feeling", List.of("Boston"), "Boston", POP, 1976);
    static final TrackIngested CRAZY_IN_LOVE = track("Crazy in Love", List.of("Beyoncé", "Jay-Z"), "Dangerously in Love", POP, 2003);
    static final TrackIngested ETOILE = track("Étoile filante", List.of("Clara Luciani"), "Cœur", POP, 2021);
    static final TrackIngested NAIVE = track("Naïve", List.of("The Kooks"), "Inside In / Inside Out", POP, 2006);
    // "Lanterns" as a whole title, in a longer title, as an artist and as an album: the order of the tiers.
    static final TrackIngested TITLE_EXACT = track("Lanterns", List.of("Birds of Tokyo"), "March Fires", POP, 2010);
    static final TrackIngested TITLE_WORD = track("Paper Lanterns Tonight", List.of("Ciel Rouge"), "Nuit", POP, 2012);
    static final TrackIngested ARTIST = track("Harbour Lights", List.of("The Lanterns"), "Coastline", POP, 2014);
    static final TrackIngested ALBUM = track("Slow Rivers", List.of("Maple Hollow"), "Lanterns of the North", POP, 2016);

    private static boolean indexed;

    @BeforeEach
    void catalog() {
        if (!indexed) {
            published(MIDNIGHT_OCEAN, ONE_MORE_TIME, DIGITAL_LOVE, MORE_THAN_A_FEELING, CRAZY_IN_LOVE, ETOILE, NAIVE,
                    TITLE_EXACT, TITLE_WORD, ARTIST, ALBUM);
            indexed = true;
        }
    }

    @Test
    void findsATitleDespiteTwoTypos() {
        search("q", "midnigth ocaen").statusCode(200)
                .body("items[0].trackId", is(MIDNIGHT_OCEAN.trackId()))
                .body("items[0].title", is("Midnight Ocean"));
    }

    @Test
    void mixesWordsOfTheArtistAndTheTitle() {
        search("q", "daft punk one more").statusCode(200)
                .body("items[0].trackId", is(ONE_MORE_TIME.trackId()))
                .body("items[0].highlight.title", is("<em>One</em> <em>More</em> Time"))
                .body("items[0].highlight.artists", contains("<em>Daft</em> <em>Punk</em>"));
    }

    @Test
    void ignoresAccentsAndCaseBothWays() {
        search("q", "beyonce").statusCode(200).body("items[0].trackId", is(CRAZY_IN_LOVE.trackId()))
                .body("items[0].artists", hasItem("Beyoncé"));
        search("q", "etoile").statusCode(200).body("items[0].trackId", is(ETOILE.trackId()));
        search("q", "naive").statusCode(200).body("items[0].trackId", is(NAIVE.trackId()));
        search("q", "BEYONCÉ").statusCode(200).body("items[0].trackId", is(CRAZY_IN_LOVE.trackId()));
        search("q", "coeur").statusCode(200).body("items[0].trackId", is(ETOILE.trackId()));
    }

    @Test
    void ranksTheExactTitleFirstThenTitleWordsThenArtistThenAlbum() {
        search("q", "lanterns", "size", 10).statusCode(200)
                .body("items.trackId", contains(TITLE_EXACT.trackId(), TITLE_WORD.trackId(), ARTIST.trackId(), ALBUM.trackId()));
    }

    @Test
    void findsTheStartOfAWord() {
        search("q", "midn oce").statusCode(200).body("items[0].trackId", is(MIDNIGHT_OCEAN.trackId()));
    }

    @Test
    void countsGenresOfTheWholeResultAndFiltersByGenreAfterwards() {
        search("q", "love").statusCode(200)
                .body("items.trackId", hasItems(DIGITAL_LOVE.trackId(), CRAZY_IN_LOVE.trackId()))
                .body("facets.genre.value", hasItems(ELECTRONIC, POP));
        search("q", "love", "genre", ELECTRONIC).statusCode(200)
                .body("total", is(1))
                .body("items.trackId", contains(DIGITAL_LOVE.trackId()))
                // The facets still offer the other genre to switch to.
                .body("facets.genre.value", hasItems(ELECTRONIC, POP));
        search("genre", ELECTRONIC).statusCode(200).body("total", is(2))
                .body("facets.genre.find { it.value == '" + ELECTRONIC + "' }.count", is(2));
    }

    @Test
    void filtersByArtistAndYear() {
        search("artist", "daft punk").statusCode(200).body("total", is(2)).body("items.artists", everyItem(hasItem("Daft Punk")));
        search("q", "more", "year", 1976).statusCode(200).body("items.trackId", contains(MORE_THAN_A_FEELING.trackId()));
        search("artist", "BEYONCE").statusCode(200).body("items.trackId", contains(CRAZY_IN_LOVE.trackId()));
    }

    @Test
    void pagesWithinTheWindow() {
        search("genre", POP, "from", 0, "size", 3).statusCode(200)
                .body("items.size()", is(3)).body("total", greaterThanOrEqualTo(9)).body("from", is(0)).body("size", is(3));
        search("genre", POP, "from", 3, "size", 3).statusCode(200).body("items.size()", is(3));
    }

    @Test
    void completesTheFirstLettersWithTyposAndWithoutAccents() {
        suggest("daf").statusCode(200).body("items.text", hasItem("Daft Punk"))
                .body("items.find { it.text == 'Daft Punk' }.kind", is("artist"));
        suggest("midnigh").statusCode(200).body("items[0].text", is("Midnight Ocean")).body("items[0].kind", is("title"))
                .body("items[0].trackId", is(MIDNIGHT_OCEAN.trackId()));
        suggest("beyon").statusCode(200).body("items.text", hasItem("Beyoncé"));
        suggest("midnihg").statusCode(200).body("items.text", hasItem("Midnight Ocean"));
    }

    @Test
    void answersWordsOfQuerySyntaxAsWordsAndPunctuationWithNothing() {
        search("q", "title:(a OR").statusCode(200).contentType(startsWith("application/json"));
        search("q", "*").statusCode(200).body("total", is(0)).body("items", empty());
        search("q", "?!,;").statusCode(200).body("total", is(0));
        search("q", "\"unbalanced").statusCode(200);
        search("q", "a~2 AND b^3 || /regex/").statusCode(200);
        suggest("*").statusCode(200).body("items", empty());
    }

    @Test
    void namesEachInvalidParameter() {
        invalid(search("q", " "), "q");
        invalid(search(), "q");
        invalid(search("q", "x".repeat(201)), "q");
        invalid(search("q", "love", "size", 0), "size");
        invalid(search("q", "love", "size", 51), "size");
        invalid(search("q", "love", "size", "ten"), "size");
        invalid(search("q", "love", "from", -1), "from");
        invalid(search("q", "love", "from", 995, "size", 10), "from")
                .body("detail", containsString("at most 1000"));
        invalid(search("q", "love", "year", 20), "year");
        invalid(search("q", "love", "genre", " "), "genre");
        invalid(given().auth().oauth2(tokens().listener()).get("/api/search/suggest").then(), "q");
        invalid(given().auth().oauth2(tokens().listener()).queryParam("q", "da").queryParam("size", 100)
                .get("/api/search/suggest").then(), "size");
    }

    @Test
    void needsAValidToken() {
        for (String path : List.of("/api/search?q=love", "/api/search/suggest?q=lo")) {
            given().get(path).then().statusCode(401).contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().auth().oauth2(tokens().expired()).get(path).then().statusCode(401);
            given().auth().oauth2(tokens().foreignKey()).get(path).then().statusCode(401);
        }
        given().auth().oauth2(tokens().listener()).get("/api/search?q=love").then().statusCode(200)
                .body("items", not(empty()));
    }

    private io.restassured.response.ValidatableResponse suggest(String q) {
        return given().auth().oauth2(tokens().listener()).queryParam("q", q).get("/api/search/suggest").then();
    }

    private static io.restassured.response.ValidatableResponse invalid(io.restassured.response.ValidatableResponse response, String field) {
        return response.statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", is("Invalid request"))
                .body("errors.field", hasItem(field));
    }
}
