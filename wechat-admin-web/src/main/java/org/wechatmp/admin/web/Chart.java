package org.wechatmp.admin.web;

import java.util.List;

/**
 * A chart drawn as server-side SVG ({@code stats_chart.jte}): shapes with presentation attributes and CSS classes
 * only (the CSP forbids inline styles), a {@code <title>} on every bar, and the same figures as a table.
 *
 * @param id the element id
 * @param title the chart's title (also the SVG's accessible name)
 * @param width the view box width
 * @param height the view box height
 * @param bars the bars
 * @param lines grid and axis lines
 * @param texts labels
 * @param legend the series (label and class), empty for one series
 * @param headers the table's column headers
 * @param rows the table's rows
 */
record Chart(String id, String title, int width, int height, List<Bar> bars, List<Line> lines, List<Text> texts,
        List<Legend> legend, List<String> headers, List<List<String>> rows) {

    /** A bar: its box, its series class and its tooltip. */
    record Bar(int x, int y, int w, int h, String cls, String title) {
    }

    /** A line. */
    record Line(int x1, int y1, int x2, int y2, String cls) {
    }

    /** A label; {@code anchor} is {@code start}, {@code middle} or {@code end}. */
    record Text(int x, int y, String anchor, String cls, String text) {
    }

    /** A series of the legend. */
    record Legend(String cls, String label) {
    }

    boolean empty() {
        return bars.isEmpty();
    }
}
