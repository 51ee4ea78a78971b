package org.wechatmp.admin.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What publishing would change: the working copy against what was last published, one line per button (a
 * sub-button indented under its parent), as a line diff.
 */
final class MenuDiff {
    /**
     * One line of the diff.
     *
     * @param op {@code +} added, {@code -} removed, {@code =} unchanged
     * @param text the button's summary
     */
    record Line(String op, String text) {
    }

    private MenuDiff() {
    }

    static List<String> lines(List<MenuButton> buttons) {
        List<String> out = new ArrayList<>();
        for (MenuButton b : buttons) {
            out.add(b.summary());
            for (MenuButton s : b.subs()) {
                out.add("    " + s.summary());
            }
        }
        return out;
    }

    /**
     * The diff.
     *
     * @param published what was last published (empty when nothing)
     * @param draft the working copy
     * @return the lines, in order
     */
    static List<Line> of(List<MenuButton> published, List<MenuButton> draft) {
        List<String> a = lines(published);
        List<String> b = lines(draft);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line("=", a.get(i++)));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("-", a.get(i++)));
            } else {
                out.add(new Line("+", b.get(j++)));
            }
        }
        while (i < a.size()) {
            out.add(new Line("-", a.get(i++)));
        }
        while (j < b.size()) {
            out.add(new Line("+", b.get(j++)));
        }
        return out;
    }

    static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> !"=".equals(l.op()));
    }
}
