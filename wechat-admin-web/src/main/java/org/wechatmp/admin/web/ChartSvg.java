package org.wechatmp.admin.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lays out {@link Chart}s: bars per day (grouped or stacked series) and a ranking (horizontal bars). */
final class ChartSvg {
    private static final int WIDTH = 760;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 36;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final int SERIES_CLASSES = 8;

    /** A named series of values, one per day. */
    record Series(String label, Map<LocalDate, Long> values) {
        long at(LocalDate d) {
            return values.getOrDefault(d, 0L);
        }
    }

    private ChartSvg() {
    }

    static String cls(int series) {
        return "chart-s" + series % SERIES_CLASSES;
    }

    /**
     * Bars per day.
     *
     * @param id the element id
     * @param title the title
     * @param dateHeader the table's first header
     * @param days the days, in order
     * @param series the series
     * @param stacked stacked (a total per day) or side by side
     * @return the chart
     */
    static Chart daily(String id, String title, String dateHeader, List<LocalDate> days, List<Series> series,
            boolean stacked) {
        int height = 260;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        long max = 0;
        for (LocalDate d : days) {
            long sum = 0;
            for (Series s : series) {
                sum = stacked ? sum + s.at(d) : Math.max(sum, s.at(d));
            }
            max = Math.max(max, sum);
        }
        long top = niceMax(max);
        List<Chart.Line> lines = new ArrayList<>();
        List<Chart.Text> texts = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            int y = TOP + plotH - (int) Math.round(plotH * i / 4.0);
            lines.add(new Chart.Line(LEFT, y, WIDTH - RIGHT, y, i == 0 ? "chart-axis" : "chart-grid"));
            texts.add(new Chart.Text(LEFT - 6, y + 4, "end", "chart-label", String.valueOf(top * i / 4)));
        }
        List<Chart.Bar> bars = new ArrayList<>();
        int n = Math.max(1, days.size());
        double slot = plotW / (double) n;
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            double x0 = LEFT + i * slot + slot * 0.1;
            double w = slot * 0.8;
            double base = TOP + plotH;
            for (int s = 0; s < series.size(); s++) {
                long v = series.get(s).at(d);
                if (v <= 0 || top == 0) {
                    continue;
                }
                double h = plotH * (double) v / top;
                String tip = d + " · " + series.get(s).label() + ": " + v;
                if (stacked) {
                    bars.add(bar(x0, base - h, w, h, cls(s), tip));
                    base -= h;
                } else {
                    double bw = w / series.size();
                    bars.add(bar(x0 + s * bw, base - h, bw, h, cls(s), tip));
                }
            }
            if (i % every == 0) {
                texts.add(new Chart.Text((int) Math.round(LEFT + i * slot + slot / 2), height - BOTTOM + 16, "middle",
                        "chart-label", DAY.format(d)));
            }
        }
        List<Chart.Legend> legend = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        headers.add(dateHeader);
        for (int s = 0; s < series.size(); s++) {
            legend.add(new Chart.Legend(cls(s), series.get(s).label()));
            headers.add(series.get(s).label());
        }
        List<List<String>> rows = new ArrayList<>();
        for (LocalDate d : days) {
            List<String> row = new ArrayList<>();
            row.add(d.toString());
            for (Series s : series) {
                row.add(String.valueOf(s.at(d)));
            }
            rows.add(row);
        }
        return new Chart(id, title, WIDTH, height, bars, lines, texts, series.size() > 1 ? legend : List.of(),
                headers, rows);
    }

    /**
     * A ranking: one horizontal bar per item, largest first.
     *
     * @param id the element id
     * @param title the title
     * @param itemHeader the table's first header
     * @param countHeader the table's second header
     * @param items the items, largest first
     * @return the chart
     */
    static Chart ranking(String id, String title, String itemHeader, String countHeader,
            List<StatsQueries.Count> items) {
        int row = 26;
        int labelW = 220;
        int height = Math.max(40, TOP + items.size() * row + 8);
        long max = items.stream().mapToLong(StatsQueries.Count::n).max().orElse(0);
        int plotW = WIDTH - labelW - 80;
        List<Chart.Bar> bars = new ArrayList<>();
        List<Chart.Text> texts = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            StatsQueries.Count c = items.get(i);
            int y = TOP + i * row;
            String label = c.item().isEmpty() ? "—" : c.item();
            texts.add(new Chart.Text(labelW - 8, y + 16, "end", "chart-label", StatsCounter.cut(label, 24)));
            double w = max == 0 ? 0 : plotW * (double) c.n() / max;
            bars.add(bar(labelW, y + 3, Math.max(1, w), row - 6, cls(0), label + ": " + c.n()));
            texts.add(new Chart.Text(labelW + (int) Math.round(Math.max(1, w)) + 6, y + 16, "start", "chart-label",
                    String.valueOf(c.n())));
            rows.add(List.of(label, String.valueOf(c.n())));
        }
        return new Chart(id, title, WIDTH, height, bars, List.of(), texts, List.of(), List.of(itemHeader, countHeader),
                rows);
    }

    private static Chart.Bar bar(double x, double y, double w, double h, String cls, String title) {
        return new Chart.Bar((int) Math.round(x), (int) Math.round(y), Math.max(1, (int) Math.round(w)),
                Math.max(1, (int) Math.round(h)), cls, title);
    }

    /** The smallest 1, 2 or 5 × 10ⁿ, times 4, at or above {@code max} (0 for 0), so the four grid steps are round. */
    static long niceMax(long max) {
        if (max <= 0) {
            return 0;
        }
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step * 4 >= max) {
                    return m * step * 4;
                }
            }
            step *= 10;
        }
    }
}
