package io.auditlog.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * The audit-platform chart, linted and rendered offline with helm-java (the helm library, no CLI, no cluster).
 */
final class Chart {

    /** The Ingress' API prefixes and the service owning each. */
    static final Map<String, String> API_ROUTES = Map.ofEntries(
            Map.entry("/api/v1/events", "audit-service"),
            Map.entry("/api/v1/catalog", "audit-service"),
            Map.entry("/api/v1/account", "audit-service"),
            Map.entry("/api/v1/views", "audit-service"),
            Map.entry("/api/v1/people", "audit-service"),
            Map.entry("/api/v1/integrity", "audit-service"),
            Map.entry("/api/v1/restore-endpoint", "audit-service"),
            Map.entry("/api/v1/exports", "export-service"),
            Map.entry("/api/v1/notifications", "notification-service"),
            Map.entry("/api/v1/notification-settings", "notification-service"),
            Map.entry("/api/v1/analytics", "analytics-service"));

    /** The module's directory: surefire runs the tests there. */
    static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    static final Path CHART_DIR = MODULE_DIR.resolve("helm/audit-platform");
    static final Path MANIFESTS_FILE = MODULE_DIR.resolve("manifests/all.yaml");
    /**
     * The values the plain manifests are rendered with: what an install cannot do without (database, issuer,
     * audience, SMTP host), which the chart's own defaults leave empty on purpose.
     */
    static final Path EXAMPLE_VALUES = MODULE_DIR.resolve("manifests/values.yaml");
    /** The release name the plain manifests are rendered with. */
    static final String RELEASE = "audit-platform";
    /**
     * The Kubernetes version rendered for: the oldest the chart supports (Chart.yaml kubeVersion). helm template's
     * own default (1.20) is older, and the chart refuses it.
     */
    static final String KUBE_VERSION = "1.23.0";

    private Chart() {
    }

    /** helm lint --strict with the example values (the defaults alone are meant to fail: values are required). */
    static LintResult lint(Path workDir) {
        return lintWithValues("{}", workDir);
    }

    /** helm template with the chart's default values and the example values (what manifests/all.yaml is). */
    static String template() {
        return new Helm(CHART_DIR).template().withKubeVersion(KUBE_VERSION).withName(RELEASE).withValuesFile(EXAMPLE_VALUES).call();
    }

    /**
     * helm template with the default and example values overridden by a values file of the given YAML text.
     * Throws IllegalStateException with helm's message when rendering fails (e.g. the schema rejects the values).
     */
    static String template(String valuesYaml, Path workDir) {
        return new Helm(CHART_DIR).template().withKubeVersion(KUBE_VERSION).withName(RELEASE).withValuesFile(EXAMPLE_VALUES)
                .withValuesFile(valuesFile(valuesYaml, workDir)).call();
    }

    /** helm template with the chart's default values and the given ones only (no example values). */
    static String templateWithoutExample(String valuesYaml, Path workDir) {
        return new Helm(CHART_DIR).template().withKubeVersion(KUBE_VERSION).withName(RELEASE).withValuesFile(valuesFile(valuesYaml, workDir)).call();
    }

    private static Path valuesFile(String valuesYaml, Path workDir) {
        try {
            Path valuesFile = Files.createTempFile(workDir, "values-", ".yaml");
            Files.writeString(valuesFile, valuesYaml);
            return valuesFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered render() {
        return new Rendered(parse(template()));
    }

    static Rendered render(String valuesYaml, Path workDir) {
        return new Rendered(parse(template(valuesYaml, workDir)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String multiDocumentYaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(multiDocumentYaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /**
     * helm lint --strict of a copy of the chart whose values.yaml is the default and example values overridden by the given
     * YAML text (helm-java's lint takes no values of its own), so that lint sees what an operator's values would give.
     */
    static LintResult lintWithValues(String valuesYaml, Path workDir) {
        try {
            Path copy = workDir.resolve("chart-" + System.nanoTime()).resolve("audit-platform");
            try (var files = Files.walk(CHART_DIR)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(CHART_DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Map<String, Object> values = loadYaml(CHART_DIR.resolve("values.yaml"));
            merge(values, loadYaml(EXAMPLE_VALUES));
            Object overrides = yaml().load(valuesYaml);
            if (overrides instanceof Map<?, ?> map) {
                merge(values, map);
            }
            Files.writeString(copy.resolve("values.yaml"), yaml().dump(values));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's coalescing of values: maps merge, other values replace, null removes the key. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<?, ?> overrides) {
        overrides.forEach((key, value) -> {
            Object current = base.get(key);
            if (value == null) {
                base.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) currentMap, valueMap);
            } else {
                base.put((String) key, value);
            }
        });
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> loadYaml(Path file) {
        try {
            return (Map<String, Object>) yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered Kubernetes objects. */
    record Rendered(List<Map<String, Object>> documents) {

        List<Map<String, Object>> ofKind(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        List<String> namesOf(String kind) {
            return ofKind(kind).stream().map(d -> (String) Node.of(d).at("metadata", "name").value()).sorted().toList();
        }

        Node get(String kind, String name) {
            return Node.of(ofKind(kind).stream()
                    .filter(d -> name.equals(Node.of(d).at("metadata", "name").value()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary())));
        }

        String summary() {
            return documents.stream().map(d -> d.get("kind") + "/" + Node.of(d).at("metadata", "name").value()).toList()
                    .toString();
        }
    }

    /** Navigation in parsed YAML. */
    record Node(Object value) {

        static Node of(Object value) {
            return new Node(value);
        }

        @SuppressWarnings("unchecked")
        Node at(Object... path) {
            Object current = value;
            for (Object step : path) {
                if (current instanceof Map<?, ?> map) {
                    current = ((Map<String, Object>) map).get((String) step);
                } else if (current instanceof List<?> list && step instanceof Integer index) {
                    current = index < list.size() ? list.get(index) : null;
                } else {
                    current = null;
                }
            }
            return new Node(current);
        }

        String string() {
            return Objects.toString(value, null);
        }

        @SuppressWarnings("unchecked")
        List<Object> list() {
            return value == null ? List.of() : (List<Object>) value;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return value == null ? Map.of() : (Map<String, Object>) value;
        }

        boolean exists() {
            return value != null;
        }
    }
}
