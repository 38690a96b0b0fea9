package io.auditlog.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Kubernetes' own API schema for the objects the chart renders: each object read strictly into fabric8's Kubernetes
 * model (generated from the Kubernetes OpenAPI specification, the version the Quarkus BOM manages), as the API server
 * would decode it. An object fails when its apiVersion and kind are not one of the APIs below, when a value has the
 * wrong type (a string where a number or boolean belongs, a number where a string belongs: the API server does not
 * coerce either), or when any object in it carries a field its type does not have (the model keeps those aside in
 * {@code additionalProperties} instead of failing, so every object of the tree is searched for them).
 * <p>
 * The APIs are the GA versions that every Kubernetes release the chart supports serves (Chart.yaml kubeVersion:
 * 1.23 and later; autoscaling/v2 is the newest of them, GA since 1.23), plus the Prometheus operator's ServiceMonitor.
 */
final class KubernetesSchema {

    /** apiVersion/kind -> the schema it is read into. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("v1/Service", Service.class);
        TYPES.put("v1/ServiceAccount", ServiceAccount.class);
        TYPES.put("v1/ConfigMap", ConfigMap.class);
        TYPES.put("v1/Secret", Secret.class);
        TYPES.put("apps/v1/Deployment", Deployment.class);
        TYPES.put("networking.k8s.io/v1/Ingress", Ingress.class);
        TYPES.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
        TYPES.put("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        TYPES.put("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);
    }

    private static final ObjectMapper STRICT = strictMapper();

    private KubernetesSchema() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS).build();
        // "replicas: '2'" or "enabled: 'true'" is refused by the API server; so is "version: 1" for a string.
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    /** What is wrong with {@code object} (a rendered document) by Kubernetes' schema; empty when nothing is. */
    static List<String> violations(Map<String, Object> object) {
        String name = object.get("kind") + " " + metadataName(object);
        String key = object.get("apiVersion") + "/" + object.get("kind");
        Class<? extends HasMetadata> type = TYPES.get(key);
        if (type == null) {
            return List.of(name + ": apiVersion " + object.get("apiVersion") + " kind " + object.get("kind")
                    + " is not an API of the supported Kubernetes versions (" + TYPES.keySet() + ")");
        }
        HasMetadata typed;
        try {
            typed = STRICT.convertValue(object, type);
        } catch (IllegalArgumentException e) {
            return List.of(name + ": " + e.getMessage());
        }
        List<String> violations = new ArrayList<>();
        unknownFields(typed, "", violations);
        return violations.stream().map(v -> name + ": " + v).toList();
    }

    /** Every object's violations, all of them in one list. */
    static List<String> violations(List<Map<String, Object>> objects) {
        return objects.stream().flatMap(o -> violations(o).stream()).toList();
    }

    /** The fields that no type of the model has, searched through the whole object. */
    private static void unknownFields(Object node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, out));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                unknownFields(element, path + "[" + i++ + "]", out);
            }
            return;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith("io.fabric8.") || type.isEnum()) {
            return;
        }
        for (Method getter : type.getMethods()) {
            String method = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getDeclaringClass().getName().startsWith("io.fabric8.")
                    || !(method.startsWith("get") || method.startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // a computed accessor (e.g. a quantity's amount) that does not apply: not a field
            }
            if (method.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(field -> out.add((path.isEmpty() ? "" : path.substring(1) + ".") + field
                            + " is not a field of " + type.getSimpleName()));
                }
            } else if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                String field = method.startsWith("is") ? method.substring(2) : method.substring(3);
                unknownFields(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), out);
            }
        }
    }

    private static Object metadataName(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }
}
