package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * An application that depends on the SDK gets the shared wire model and no engine class: the SDK
 * must stay small and must not drag the engine's threads, stores or brokers into a client. Reads
 * the runtime classpath Maven resolved for the SDK (written by the dependency plugin before the
 * tests; this test's own classpath has the server for the ITs, so it cannot look at itself).
 */
class SdkClasspathTest {
    private static final Path CLASSPATH_FILE = Path.of("target", "runtime-classpath.txt");

    /** Classes only the engine has; the model's own packages (model, routing.EventCodec) are allowed. */
    private static final List<String> ENGINE_CLASSES = List.of(
            "com/bizosaas/eventbus/EventBus.class",
            "com/bizosaas/eventbus/spi/EventStore.class",
            "com/bizosaas/eventbus/internal/DefaultEventBus.class",
            "com/bizosaas/eventbus/server/EventBusServer.class");

    @Test
    void theSdksRuntimeClasspathHasTheModelAndNoEngineModule() throws IOException {
        List<String> entries = runtimeClasspath();

        assertThat(entries).anyMatch(e -> e.contains("eventbus-model"));
        assertThat(entries).noneMatch(e -> e.matches(".*eventbus-(core|server|store-|broker-|cli|spring).*"));
    }

    @Test
    void noJarOrDirectoryOnItHoldsAnEngineClass() throws IOException {
        List<String> found = new ArrayList<>();
        for (String entry : runtimeClasspath()) {
            for (String engineClass : ENGINE_CLASSES) {
                if (holds(Path.of(entry), engineClass)) {
                    found.add(engineClass + " in " + entry);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckSeesAClassWhereItIs() throws IOException {
        Path model = runtimeClasspath().stream().filter(e -> e.contains("eventbus-model")).map(Path::of)
                .findFirst().orElseThrow();
        assertThat(holds(model, "com/bizosaas/eventbus/model/Event.class"))
                .as("the scan finds the model's Event, so an empty result above means something").isTrue();
    }

    private static List<String> runtimeClasspath() throws IOException {
        assertThat(CLASSPATH_FILE).as("written by maven-dependency-plugin:build-classpath in"
                + " generate-test-resources; run the tests through Maven").exists();
        String text = Files.readString(CLASSPATH_FILE, StandardCharsets.UTF_8).trim();
        return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }

    private static boolean holds(Path entry, String classFile) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(classFile));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(classFile) != null;
        }
    }
}
