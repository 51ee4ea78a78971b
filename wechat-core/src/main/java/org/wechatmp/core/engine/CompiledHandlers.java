package org.wechatmp.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.wechatmp.core.message.SubscribeEvent;
import org.wechatmp.core.message.TextMessage;
import org.wechatmp.core.message.WeChatMessage;

/**
 * An account's handlers compiled for matching: sorted once, with exact rules (message type, event, event key,
 * equal text) in hash maps, every "contains" pattern in one Aho–Corasick automaton, and regexes compiled once. A
 * match costs a few lookups and one pass over the text, however many handlers there are. Immutable.
 */
final class CompiledHandlers {
    private static final int[] NONE = new int[0];

    private final long version;
    private final Handler[] handlers;
    private final Map<String, int[]> byMsgType;
    private final Map<String, int[]> byEvent;
    private final Map<String, int[]> byEventKey;
    private final Map<String, int[]> byEquals;
    private final AhoCorasick contains;
    private final int[][] containsRanks;
    private final int[] always;
    private final Pattern[] regexes;
    private final int[] regexRanks;
    private final CustomRule[] customs;
    private final String[] customNames;
    private final int[] customRanks;

    private CompiledHandlers(long version, Handler[] handlers, Map<String, int[]> byMsgType,
            Map<String, int[]> byEvent, Map<String, int[]> byEventKey, Map<String, int[]> byEquals,
            AhoCorasick contains, int[][] containsRanks, int[] always, Pattern[] regexes, int[] regexRanks,
            CustomRule[] customs, String[] customNames, int[] customRanks) {
        this.version = version;
        this.handlers = handlers;
        this.byMsgType = byMsgType;
        this.byEvent = byEvent;
        this.byEventKey = byEventKey;
        this.byEquals = byEquals;
        this.contains = contains;
        this.containsRanks = containsRanks;
        this.always = always;
        this.regexes = regexes;
        this.regexRanks = regexRanks;
        this.customs = customs;
        this.customNames = customNames;
        this.customRanks = customRanks;
    }

    long version() {
        return version;
    }

    static CompiledHandlers compile(long version, List<Handler> input, Map<String, CustomRule> customRules,
            Logger log) {
        Handler[] sorted = input.stream().sorted(Handler.ORDER).toArray(Handler[]::new);
        Map<String, List<Integer>> msgType = new HashMap<>();
        Map<String, List<Integer>> event = new HashMap<>();
        Map<String, List<Integer>> eventKey = new HashMap<>();
        Map<String, List<Integer>> equals = new HashMap<>();
        Map<String, List<Integer>> containsMap = new HashMap<>();
        List<Integer> always = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        List<Integer> regexRanks = new ArrayList<>();
        List<CustomRule> customs = new ArrayList<>();
        List<String> customNames = new ArrayList<>();
        List<Integer> customRanks = new ArrayList<>();
        for (int rank = 0; rank < sorted.length; rank++) {
            if (!sorted[rank].enabled()) {
                continue;
            }
            for (Rule r : sorted[rank].rules()) {
                switch (r.type()) {
                    case ALL -> always.add(rank);
                    case MSG_TYPE -> add(msgType, r.value(), rank);
                    case EVENT -> add(event, r.value(), rank);
                    case EVENT_KEY -> add(eventKey, r.value() + '\u0000' + r.key(), rank);
                    case EQUALS -> add(equals, r.value(), rank);
                    case CONTAINS -> add(containsMap, r.value(), rank);
                    case REGEX -> {
                        regexes.add(Pattern.compile(r.value()));
                        regexRanks.add(rank);
                    }
                    case CUSTOM -> {
                        CustomRule rule = customRules.get(r.value());
                        if (rule == null) {
                            log.warn("handler {} names custom rule {}, which is not registered; it never matches",
                                    sorted[rank].name(), r.value());
                        } else {
                            customs.add(rule);
                            customNames.add(r.value());
                            customRanks.add(rank);
                        }
                    }
                    default -> throw new IllegalStateException(r.type().name());
                }
            }
        }
        List<String> patterns = new ArrayList<>(containsMap.keySet());
        int[][] containsRanks = new int[patterns.size()][];
        for (int i = 0; i < patterns.size(); i++) {
            containsRanks[i] = ranks(containsMap.get(patterns.get(i)));
        }
        return new CompiledHandlers(version, sorted, freeze(msgType), freeze(event), freeze(eventKey),
                freeze(equals), patterns.isEmpty() ? null : AhoCorasick.build(patterns), containsRanks,
                ranks(always), regexes.toArray(Pattern[]::new), ranks(regexRanks),
                customs.toArray(CustomRule[]::new), customNames.toArray(String[]::new), ranks(customRanks));
    }

    private static void add(Map<String, List<Integer>> map, String key, int rank) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != rank) {
            list.add(rank);
        }
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> map) {
        Map<String, int[]> out = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> out.put(k, ranks(v)));
        return out;
    }

    private static int[] ranks(List<Integer> list) {
        int[] a = list.stream().mapToInt(Integer::intValue).distinct().toArray();
        Arrays.sort(a);
        return a;
    }

    /** The best available handler for a message, or {@code null}. */
    Handler match(WeChatMessage message, Instant now, MessageContext context, Logger log) {
        int[] best = {Integer.MAX_VALUE};
        consider(byMsgType.get(message.msgType()), now, best);
        if (message.isEvent()) {
            String ev = message.event();
            consider(byEvent.get(ev), now, best);
            String key = message.eventKey();
            consider(byEventKey.get(ev + '\u0000' + key), now, best);
            if (message instanceof SubscribeEvent s && s.isScan()) {
                consider(byEvent.get("subscribe_scan"), now, best);
                consider(byEventKey.get(ev + '\u0000' + s.scene()), now, best);
            }
        } else if (message instanceof TextMessage text) {
            String content = text.content();
            consider(byEquals.get(content), now, best);
            if (contains != null) {
                contains.search(content, p -> consider(containsRanks[p], now, best));
            }
            for (int i = 0; i < regexes.length && regexRanks[i] < best[0]; i++) {
                if (handlers[regexRanks[i]].isAvailable(now) && BoundedRegex.find(regexes[i], content, log)) {
                    best[0] = regexRanks[i];
                }
            }
        }
        consider(always, now, best);
        for (int i = 0; i < customs.length && customRanks[i] < best[0]; i++) {
            if (handlers[customRanks[i]].isAvailable(now) && test(i, context, log)) {
                best[0] = customRanks[i];
            }
        }
        return best[0] == Integer.MAX_VALUE ? null : handlers[best[0]];
    }

    private boolean test(int i, MessageContext context, Logger log) {
        try {
            return customs[i].test(context);
        } catch (RuntimeException e) {
            log.warn("custom rule {} failed; counted as no match", customNames[i], e);
            return false;
        }
    }

    private void consider(int[] ranks, Instant now, int[] best) {
        if (ranks == null) {
            return;
        }
        for (int r : ranks) {
            if (r >= best[0]) {
                return;
            }
            if (handlers[r].isAvailable(now)) {
                best[0] = r;
                return;
            }
        }
    }

    static CompiledHandlers empty() {
        return new CompiledHandlers(Long.MIN_VALUE, new Handler[0], Map.of(), Map.of(), Map.of(), Map.of(), null,
                new int[0][], NONE, new Pattern[0], NONE, new CustomRule[0], new String[0], NONE);
    }
}
