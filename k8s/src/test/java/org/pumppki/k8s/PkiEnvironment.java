package org.pumppki.k8s;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pumppki.ca.config.PkiConfig;

/**
 * The environment variables that set PumpPKI's options, derived from {@link PkiConfig} the way
 * SmallRye Config maps them ({@code pki.ca.key-store} is {@code PKI_CA_KEY_STORE}), so that a
 * manifest cannot set a variable the server would silently ignore.
 */
final class PkiEnvironment {

    private final List<Pattern> variables = new ArrayList<>();

    private PkiEnvironment() {
    }

    static PkiEnvironment ofPkiConfig() {
        PkiEnvironment environment = new PkiEnvironment();
        environment.collect(PkiConfig.class.getAnnotation(ConfigMapping.class).prefix(), PkiConfig.class);
        return environment;
    }

    boolean knows(String variable) {
        return variables.stream().anyMatch(pattern -> pattern.matcher(variable).matches());
    }

    private void collect(String prefix, Class<?> group) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String path = prefix + "." + propertyName(method);
            Type type = method.getGenericReturnType();
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
                // pki.est.labels.<label>.ca: any label, then the label's own options.
                collect(path + ".*", (Class<?>) parameterized.getActualTypeArguments()[1]);
            } else if (isGroup(type)) {
                collect(path, (Class<?>) type);
            } else {
                variables.add(Pattern.compile(Pattern.quote(environmentName(path)).replace("*", "\\E[A-Z0-9_]+\\Q")));
            }
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith(PkiConfig.class.getName());
    }

    private static String propertyName(Method method) {
        return Optional.ofNullable(method.getAnnotation(WithName.class)).map(WithName::value)
                .orElseGet(() -> method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
    }

    private static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9*]", "_").toUpperCase(Locale.ROOT);
    }
}
