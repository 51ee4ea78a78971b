package org.wechatmp.admin.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive day range from the URL ({@code ?from=yyyy-MM-dd&to=yyyy-MM-dd}) with its validation error, if any.
 * Invalid input falls back to the default range and names the problem (a message key), so the page still shows.
 *
 * @param from the first day
 * @param to the last day
 * @param error a message key, or {@code null}
 */
record StatsRange(LocalDate from, LocalDate to, String error) {

    /**
     * Reads the range of a request.
     *
     * @param c the request
     * @param defaultFrom the first day when none is given
     * @param defaultTo the last day when none is given
     * @param earliest the earliest day allowed
     * @param latest the latest day allowed
     * @param maxDays the most days in a range
     * @return the range
     */
    static StatsRange of(Ctx c, LocalDate defaultFrom, LocalDate defaultTo, LocalDate earliest, LocalDate latest,
            int maxDays) {
        String f = c.param("from");
        String t = c.param("to");
        if (f.isEmpty() && t.isEmpty()) {
            return new StatsRange(defaultFrom, defaultTo, null);
        }
        LocalDate from;
        LocalDate to;
        try {
            from = f.isEmpty() ? defaultFrom : LocalDate.parse(f);
            to = t.isEmpty() ? defaultTo : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return new StatsRange(defaultFrom, defaultTo, "stats.baddate");
        }
        if (to.isBefore(from)) {
            return new StatsRange(defaultFrom, defaultTo, "stats.reversed");
        }
        if (from.isBefore(earliest) || to.isAfter(latest)) {
            return new StatsRange(defaultFrom, defaultTo, "stats.outside");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            return new StatsRange(defaultFrom, defaultTo, "stats.toolong");
        }
        return new StatsRange(from, to, null);
    }

    /** Every day of the range, in order. */
    List<LocalDate> days() {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }
}
