package org.pumppki.console;

import java.util.List;
import org.pumppki.ca.service.device.FleetOverview.ExpiryWeek;

/**
 * The expiry timeline drawn as an SVG bar chart on the server: one bar per week for the next
 * twelve months. The same numbers are rendered as a table for screen readers.
 */
public record ExpiryChart(List<Bar> bars, long max, long total) {

    static final int WIDTH = 780;
    static final int HEIGHT = 160;
    private static final int BAR_STEP = WIDTH / 52;

    /** One week's bar, in SVG user units. */
    public record Bar(ExpiryWeek week, int x, int y, int width, int height) {

        /** The first day of the week, as a date. */
        public String day() {
            return week.start().toString().substring(0, 10);
        }
    }

    static ExpiryChart of(List<ExpiryWeek> weeks) {
        long max = weeks.stream().mapToLong(ExpiryWeek::expiring).max().orElse(0);
        long total = weeks.stream().mapToLong(ExpiryWeek::expiring).sum();
        List<Bar> bars = weeks.stream().map(week -> {
            int height = max == 0 ? 0 : (int) Math.max(week.expiring() == 0 ? 0 : 2, week.expiring() * (HEIGHT - 10) / max);
            return new Bar(week, (week.week() - 1) * BAR_STEP, HEIGHT - height, BAR_STEP - 3, height);
        }).toList();
        return new ExpiryChart(bars, max, total);
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return HEIGHT;
    }
}
