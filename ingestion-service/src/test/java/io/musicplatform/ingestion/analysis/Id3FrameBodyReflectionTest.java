package io.musicplatform.ingestion.analysis;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTIT2;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The native image's registration of jaudiotagger's frame bodies names every one the library has. */
class Id3FrameBodyReflectionTest {

    private static final String PACKAGE = FrameBodyTIT2.class.getPackageName();

    @Test
    void registersEveryConcreteFrameBodyOfTheLibrary() throws Exception {
        Set<String> registered = Arrays.stream(Id3FrameBodyReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(registered).isEqualTo(concreteFrameBodies());
    }

    private static Set<String> concreteFrameBodies() throws Exception {
        Path jar = Path.of(FrameBodyTIT2.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = PACKAGE.replace('.', '/') + "/";
        Set<String> found = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(folder) && name.endsWith(".class") && name.indexOf('/', folder.length()) < 0 && !name.contains("$")) {
                    Class<?> type = Class.forName(PACKAGE + "." + name.substring(folder.length(), name.length() - ".class".length()));
                    if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                        found.add(type.getName());
                    }
                }
            }
        }
        assertThat(found).as("frame bodies found in %s", jar).isNotEmpty();
        return found;
    }
}
