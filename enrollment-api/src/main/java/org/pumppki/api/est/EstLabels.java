package org.pumppki.api.est;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.service.est.EstPolicy;

/**
 * The EST paths this server answers: {@code /.well-known/est/} and one {@code /.well-known/est/<label>/}
 * per entry of {@code pki.est.labels}, each bound to a profile, an issuing CA and its options.
 */
@ApplicationScoped
public class EstLabels {

    /** A label's settings as the door needs them. */
    public record Label(EstPolicy policy, boolean serverKeygen, boolean rawDer) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final Label unlabelled;
    private final Map<String, Label> labels;

    EstLabels(PkiConfig config) {
        this.unlabelled = label(Optional.empty(), config.est().unlabelled());
        Map<String, Label> byName = new java.util.HashMap<>();
        config.est().labels().forEach((name, settings) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("pki.est.labels: '" + name + "' is not a valid EST label "
                        + "(lower-case letters, digits, '.', '_' and '-')");
            }
            byName.put(name, label(Optional.of(name), settings));
        });
        this.labels = Map.copyOf(byName);
    }

    public Label unlabelled() {
        return unlabelled;
    }

    /** The label's settings; empty for a label nobody configured, which EST answers with 404. */
    public Optional<Label> find(String name) {
        return Optional.ofNullable(labels.get(name));
    }

    private static Label label(Optional<String> name, PkiConfig.EstLabel settings) {
        return new Label(new EstPolicy(name, settings.profile(), settings.ca()), settings.serverKeygen(), settings.rawDer());
    }
}
