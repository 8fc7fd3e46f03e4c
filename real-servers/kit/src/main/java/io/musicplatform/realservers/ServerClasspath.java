package io.musicplatform.realservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds what a server needs to run, as written at build time by its server module: the classpath of
 * its own jars (kept off the caller's classpath, where they would clash with Quarkus's), the home of
 * an unpacked distribution, and the watchdog agent jar.
 *
 * <p>Public for {@link #watchdogAgent()} alone, which other launchers of child JVMs (service-testing's
 * ServiceLauncher) use so that their children, too, never outlive the JVM that started them.
 */
public final class ServerClasspath {

    private static final String FOLDER = "META-INF/real-servers/";

    /** The agent jar written by this JVM, if it had to write one. */
    private static Path generatedAgent;

    private ServerClasspath() {
    }

    /** The server's jars, preceded by the server module's own jar (where its main class lives). */
    static List<String> of(String server) {
        String resource = FOLDER + server + ".classpath";
        URL url = resource(resource);
        List<String> entries = new ArrayList<>();
        entries.add(containingArchive(url, resource).toString());
        String listed = read(url).trim();
        entries.addAll(Arrays.stream(listed.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList());
        for (String entry : entries) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("The " + server + " classpath names " + entry + ", which does not exist: "
                        + "rebuild the project (mvn -DskipTests install) so that the real-server modules resolve it again");
            }
        }
        return entries;
    }

    /** A single path written into a resource at build time, such as the Keycloak home. */
    static Path path(String name) {
        Path path = Path.of(read(resource(FOLDER + name)).trim());
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " (" + name + ") does not exist: rebuild the project (mvn -DskipTests install)");
        }
        return path;
    }

    static byte[] bytes(String resource) {
        try (InputStream in = resource(resource).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The jar of the watchdog agent that every server JVM runs with. Inside a Quarkus test the agent
     * module may be on the classpath as a class folder (Quarkus resolves workspace modules to their
     * output folders); an agent must be a jar, so one is written from that folder.
     *
     * <p>A child JVM started with {@code -javaagent:<this jar>} and its stdin connected to a pipe
     * ({@link ProcessBuilder.Redirect#PIPE}, the default) exits when that pipe closes: when the
     * starter closes it, or when the starter dies in any way, {@code kill -9} included.
     */
    public static synchronized Path watchdogAgent() {
        String agentClass = "io.musicplatform.realservers.watchdog.ParentWatchdog";
        String resource = agentClass.replace('.', '/') + ".class";
        Path archive = containingArchive(resource(resource), resource);
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        if (generatedAgent != null && Files.isRegularFile(generatedAgent)) {
            return generatedAgent;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", agentClass);
        try {
            Path jar = Files.createTempFile("real-servers-watchdog-agent-", ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                 Stream<Path> files = Files.walk(archive)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".class")).toList()) {
                    out.putNextEntry(new JarEntry(archive.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
            }
            jar.toFile().deleteOnExit();
            generatedAgent = jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the watchdog agent jar", e);
        }
        return generatedAgent;
    }

    private static URL resource(String resource) {
        URL url = ServerClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: depend on real-servers-kit and build the project");
        }
        return url;
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + url, e);
        }
    }

    /** The jar or class folder that holds a resource. */
    private static Path containingArchive(URL url, String resource) {
        try {
            return switch (url.getProtocol()) {
                case "jar" -> {
                    String spec = url.getPath();
                    yield Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
                }
                case "file" -> {
                    Path file = Path.of(url.toURI());
                    Path root = file;
                    for (int i = 0; i < resource.split("/").length; i++) {
                        root = root.getParent();
                    }
                    yield root;
                }
                default -> throw new IllegalStateException("Cannot run a server from " + url);
            };
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException("Cannot locate " + url, e);
        }
    }
}
