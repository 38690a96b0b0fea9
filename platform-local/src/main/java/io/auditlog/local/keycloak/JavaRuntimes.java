package io.auditlog.local.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version on this machine, for a child process that needs a newer Java
 * than the launcher's (Keycloak 26 needs 21+, the platform 17+). Looks at {@code KEYCLOAK_JAVA_HOME},
 * {@code JAVA_HOME}, the launcher's own Java, then every JDK under {@code /usr/lib/jvm}, newest first.
 */
final class JavaRuntimes {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    private JavaRuntimes() {
    }

    /** A Java home of at least {@code feature}, or a message saying what was looked at and what is missing. */
    static Path find(int feature) {
        List<Path> candidates = candidates();
        return candidates.stream().filter(home -> featureOf(home).orElse(0) >= feature).findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak needs Java " + feature + " or newer, and "
                        + "none was found. Looked at KEYCLOAK_JAVA_HOME, JAVA_HOME, this launcher's Java and "
                        + SYSTEM_JDKS + "/*: " + describe(candidates) + ". Install a JDK " + feature
                        + "+ (e.g. apt-get install openjdk-21-jdk-headless) or point KEYCLOAK_JAVA_HOME at one."));
    }

    /** The feature version of the JDK at {@code home}, from its {@code release} file; empty when it is no JDK. */
    static Optional<Integer> featureOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isRegularFile(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release));
            if (!version.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(version.group(1));
            return Optional.of(major == 1 ? 8 : major);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        Stream.of(System.getenv("KEYCLOAK_JAVA_HOME"), System.getenv("JAVA_HOME"), System.getProperty("java.home"))
                .filter(home -> home != null && !home.isBlank()).map(Path::of).forEach(homes::add);
        if (Files.isDirectory(SYSTEM_JDKS)) {
            try (Stream<Path> jdks = Files.list(SYSTEM_JDKS)) {
                jdks.filter(Files::isDirectory)
                        .sorted(Comparator.comparing((Path home) -> featureOf(home).orElse(0)).reversed())
                        .forEach(homes::add);
            } catch (IOException e) {
                // nothing more to look at
            }
        }
        return homes;
    }

    private static String describe(List<Path> candidates) {
        if (candidates.isEmpty()) {
            return "nothing";
        }
        return String.join(", ", candidates.stream()
                .map(home -> home + " (" + featureOf(home).map(v -> "Java " + v).orElse("no JDK") + ")").toList());
    }
}
