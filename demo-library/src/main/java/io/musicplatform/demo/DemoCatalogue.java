package io.musicplatform.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo library's 72 tracks: twelve invented artists (French names with accents among them),
 * one album of six tracks each, six genres, the five file formats in turn. The same every time, so
 * a platform loaded twice holds the same tracks (ingestion-service recognises their contents).
 */
public final class DemoCatalogue {

    /** One file to upload: its format, its tags and the name the uploader gives it. */
    public record Entry(TaggedAudio.Format format, TaggedAudio.Tags tags) {

        public String fileName() {
            return String.format("%02d - %s.%s", tags.trackNumber(), tags.title(), format.extension());
        }
    }

    private record Album(String artist, String genre, String title, int year, List<String> tracks) {
    }

    private static final List<Album> ALBUMS = List.of(
            new Album("Amélie Laurençon", "Chanson", "Été indien", 2019,
                    List.of("Été indien", "Café crème", "Les feuilles de novembre", "Où vas-tu ?", "Rue des Écoles", "À demain peut-être")),
            new Album("Les Frères Éclair", "Rock", "Fièvre électrique", 2016,
                    List.of("Fièvre électrique", "Béton armé", "Dernier métro", "Garçon sauvage", "Éclair au chocolat", "Sans frein")),
            new Album("Zoé Mercier", "Pop", "Cœur à l'envers", 2022,
                    List.of("Cœur à l'envers", "Déjà vu", "Mélodie d'hiver", "Rêve éveillé", "Tes yeux noisette", "Été 98")),
            new Album("Orchestre Bérénice", "Jazz", "Nuits de Saint-Germain", 2011,
                    List.of("Nuits de Saint-Germain", "Valse pour Hélène", "Fenêtre sur cour", "Blue Montparnasse", "Pluie d'été", "Le dernier set")),
            new Album("Noé & les Étoiles", "Folk", "Chemins de traverse", 2018,
                    List.of("Chemins de traverse", "La rivière", "Feu de camp", "Lumière du matin", "Vieille guitare", "Après la pluie")),
            new Album("Mathéo Garnier", "Hip-Hop", "Béton & lumière", 2023,
                    List.of("Béton & lumière", "Quartier nord", "Réveil 6h", "Tête haute", "Nuit blanche", "Épilogue")),
            new Album("Luna Castell", "Electronic", "Neon Tides", 2020,
                    List.of("Neon Tides", "Afterglow", "Satellite Heart", "Low Orbit", "Static Bloom", "Night Bus")),
            new Album("The Night Owls", "Rock", "Midnight Radio", 2014,
                    List.of("Midnight Radio", "Highway Lights", "Broken Compass", "Wildfire", "Paper Crown", "Last Call")),
            new Album("Kaito Sound", "Electronic", "Tokyo Lines", 2021,
                    List.of("Tokyo Lines", "Shibuya Rain", "Pulse", "Glass Garden", "Komorebi", "Signal Lost")),
            new Album("Maya Rivers", "Pop", "Golden Hour", 2024,
                    List.of("Golden Hour", "Paper Planes", "Summer Again", "Slow Motion", "Butterflies", "Home")),
            new Album("Sofía Alarcón", "Jazz", "Café con leche", 2009,
                    List.of("Café con leche", "Bésame despacio", "Lluvia en Madrid", "Tarde gris", "Canción de cuna", "Señales")),
            new Album("Jérôme Bélanger", "Chanson", "Les années lumière", 2005,
                    List.of("Les années lumière", "Je t'écrirai", "Québec en hiver", "Le vieux piano", "Mon pays", "Éphémère")));

    private DemoCatalogue() {
    }

    /** Every track, album by album, in track order. */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        TaggedAudio.Format[] formats = TaggedAudio.Format.values();
        for (Album album : ALBUMS) {
            for (int i = 0; i < album.tracks().size(); i++) {
                TaggedAudio.Format format = formats[entries.size() % formats.length];
                entries.add(new Entry(format, new TaggedAudio.Tags(album.tracks().get(i), album.artist(), album.title(), album.genre(),
                        album.year(), i + 1)));
            }
        }
        return entries;
    }
}
