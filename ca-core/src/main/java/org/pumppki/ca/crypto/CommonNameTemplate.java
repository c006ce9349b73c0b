package org.pumppki.ca.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a pump certificate's common name is composed from the trusted identity, e.g.
 * {@code {serial}} (the default) or {@code {manufacturer}-{model}-{serial}}. The template is
 * checked when configured, so an unknown placeholder fails at start-up rather than at enrollment.
 */
public final class CommonNameTemplate {

    /** X.520 ub-common-name. */
    static final int MAX_LENGTH = 64;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** The values a template may refer to, each with the identity field it reads. */
    enum Placeholder {
        SERIAL("serial", TrustedIdentity::deviceSerial),
        MODEL("model", TrustedIdentity::model),
        MANUFACTURER("manufacturer", TrustedIdentity::manufacturer),
        MAC_ADDRESS("macAddress", identity -> identity.macAddress().map(MacAddress::toString));

        private final String token;
        private final Function<TrustedIdentity, Optional<String>> value;

        Placeholder(String token, Function<TrustedIdentity, Optional<String>> value) {
            this.token = token;
            this.value = value;
        }

        static Placeholder of(String token, String template) {
            for (Placeholder placeholder : values()) {
                if (placeholder.token.equals(token)) {
                    return placeholder;
                }
            }
            throw new IllegalArgumentException("Unknown placeholder {" + token + "} in common name template '" + template
                    + "'; use {serial}, {model}, {manufacturer} or {macAddress}");
        }
    }

    /** A template part: literal text or a placeholder. Exactly one of the two is non-null. */
    private record Part(String literal, Placeholder placeholder) {
    }

    private final String template;
    private final List<Part> parts;

    private CommonNameTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
    }

    /** The default: the device serial number. */
    public static CommonNameTemplate serialOnly() {
        return parse("{serial}");
    }

    /** @throws IllegalArgumentException for unknown placeholders, stray braces or an empty template */
    public static CommonNameTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int position = 0;
        while (matcher.find()) {
            addLiteral(parts, template, template.substring(position, matcher.start()));
            parts.add(new Part(null, Placeholder.of(matcher.group(1), template)));
            position = matcher.end();
        }
        addLiteral(parts, template, template.substring(position));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("The common name template must not be empty");
        }
        return new CommonNameTemplate(template, parts);
    }

    /**
     * @throws PolicyViolationException {@link PolicyViolation#IDENTITY_INCOMPLETE} when the identity
     *         lacks a value the template uses, or {@link PolicyViolation#NAME_NOT_ALLOWED} when the
     *         result exceeds 64 characters
     */
    public String render(TrustedIdentity identity) {
        StringBuilder name = new StringBuilder();
        for (Part part : parts) {
            if (part.literal() != null) {
                name.append(part.literal());
            } else {
                name.append(part.placeholder().value.apply(identity).orElseThrow(() -> new PolicyViolationException(
                        PolicyViolation.IDENTITY_INCOMPLETE, "The common name template '" + template + "' needs {"
                        + part.placeholder().token + "}, which the device record does not have")));
            }
        }
        if (name.length() > MAX_LENGTH) {
            throw new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED,
                    "The common name '" + name + "' is longer than " + MAX_LENGTH + " characters");
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return template;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommonNameTemplate that && that.template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    private static void addLiteral(List<Part> parts, String template, String literal) {
        if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
            throw new IllegalArgumentException("Unbalanced brace in common name template '" + template + "'");
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal, null));
        }
    }
}
