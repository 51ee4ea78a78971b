package org.wechatmp.core.engine;

import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * A regex rule run on a follower's text with a bounded amount of work. The text is what anyone who follows the account
 * may send, and a rule such as {@code (a+)+$} backtracks exponentially on {@code "aaaa…!"}: the matcher reads the
 * text through a view that counts the characters it reads and gives up past a budget (far above what a linear regex
 * needs on a message of WeChat's size), so such a rule costs milliseconds, counts as no match and is logged, instead
 * of holding a callback thread for minutes.
 */
final class BoundedRegex {
    /** Characters the matcher may read per text and rule, plus {@link #PER_CHAR} per character of the text. */
    static final long BASE_BUDGET = 200_000;
    /** The per-character part of the budget. */
    static final long PER_CHAR = 200;

    private BoundedRegex() {
    }

    /** Thrown inside the matcher when the budget is spent. */
    private static final class Spent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Spent() {
            super("regex budget spent", null, false, false);
        }
    }

    /** The text, counting reads. */
    private static final class Counted implements CharSequence {
        private final String text;
        private long left;

        Counted(String text, long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Spent();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Whether the pattern is found in the text, within the budget.
     *
     * @param pattern the rule's pattern
     * @param text the follower's text
     * @param log where a spent budget is reported (with the pattern, never the text)
     * @return whether found; {@code false} when the budget was spent
     */
    static boolean find(Pattern pattern, String text, Logger log) {
        try {
            return pattern.matcher(new Counted(text, BASE_BUDGET + PER_CHAR * text.length())).find();
        } catch (Spent e) {
            log.warn("regex rule {} gave up on a text of {} characters (too much backtracking): counted as no match",
                    pattern.pattern(), text.length());
            return false;
        }
    }
}
