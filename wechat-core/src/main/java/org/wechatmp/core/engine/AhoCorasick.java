package org.wechatmp.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * One automaton for all "contains" patterns of an account: a single pass over the text reports every pattern it
 * contains, however many patterns there are. Immutable once built; transitions are sorted char arrays.
 */
final class AhoCorasick {
    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final int[][] out;

    private AhoCorasick(char[][] keys, int[][] next, int[] fail, int[][] out) {
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.out = out;
    }

    static AhoCorasick build(List<String> patterns) {
        List<TreeMap<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        trie.add(new TreeMap<>());
        outputs.add(new ArrayList<>());
        for (int p = 0; p < patterns.size(); p++) {
            int node = 0;
            for (char c : patterns.get(p).toCharArray()) {
                Integer n = trie.get(node).get(c);
                if (n == null) {
                    n = trie.size();
                    trie.add(new TreeMap<>());
                    outputs.add(new ArrayList<>());
                    trie.get(node).put(c, n);
                }
                node = n;
            }
            outputs.get(node).add(p);
        }
        int size = trie.size();
        char[][] keys = new char[size][];
        int[][] next = new int[size][];
        for (int i = 0; i < size; i++) {
            TreeMap<Character, Integer> t = trie.get(i);
            keys[i] = new char[t.size()];
            next[i] = new int[t.size()];
            int j = 0;
            for (Map.Entry<Character, Integer> e : t.entrySet()) {
                keys[i][j] = e.getKey();
                next[i][j++] = e.getValue();
            }
        }
        int[] fail = new int[size];
        int[] queue = new int[size];
        int head = 0;
        int tail = 0;
        for (int child : next[0]) {
            queue[tail++] = child;
        }
        while (head < tail) {
            int node = queue[head++];
            for (int j = 0; j < keys[node].length; j++) {
                char c = keys[node][j];
                int child = next[node][j];
                int f = fail[node];
                int target;
                while ((target = step(keys, next, f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target < 0 ? 0 : target;
                outputs.get(child).addAll(outputs.get(fail[child]));
                queue[tail++] = child;
            }
        }
        int[][] out = new int[size][];
        for (int i = 0; i < size; i++) {
            out[i] = outputs.get(i).stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        return new AhoCorasick(keys, next, fail, out);
    }

    private static int step(char[][] keys, int[][] next, int node, char c) {
        int i = Arrays.binarySearch(keys[node], c);
        return i < 0 ? -1 : next[node][i];
    }

    /** Reports the index of every pattern found in the text (a pattern found twice may be reported twice). */
    void search(String text, IntConsumer found) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int n;
            while ((n = step(keys, next, node, c)) < 0 && node != 0) {
                node = fail[node];
            }
            node = n < 0 ? 0 : n;
            for (int p : out[node]) {
                found.accept(p);
            }
        }
    }
}
