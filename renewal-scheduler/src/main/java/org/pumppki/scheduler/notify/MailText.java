package org.pumppki.scheduler.notify;

import java.util.List;
import org.pumppki.ca.service.flag.FlagSummary;

/** The plain-text bodies of PumpPKI's e-mails. */
final class MailText {

    private MailText() {
    }

    static String flag(FlagSummary flag) {
        StringBuilder text = new StringBuilder();
        line(text, flag);
        text.append("\nOpen the flag in PumpPKI to acknowledge it: flag ").append(flag.id()).append('\n');
        return text.toString();
    }

    static String digest(List<FlagSummary> flags) {
        StringBuilder text = new StringBuilder("Open flags that nobody has acknowledged yet: ").append(flags.size())
                .append("\n\n");
        flags.forEach(flag -> line(text, flag));
        return text.toString();
    }

    private static void line(StringBuilder text, FlagSummary flag) {
        text.append('[').append(flag.severity()).append("] ").append(flag.kind()).append(" (flag ").append(flag.id())
                .append(")\n  ").append(flag.summary()).append('\n');
        if (flag.location() != null) {
            text.append("  Location: ").append(flag.location()).append('\n');
        }
        if (flag.dueAt() != null) {
            text.append("  Due: ").append(flag.dueAt()).append('\n');
        }
        text.append("  To do: ").append(flag.action()).append("\n\n");
    }
}
