package org.wechatmp.admin.web;

import java.util.List;

/**
 * Why a handler (typed in the form or read from a JSON file) is refused: a message key of the {@code replies}
 * bundle and its arguments.
 *
 * @param key the message key
 * @param args the arguments, already text
 */
record HandlerProblem(String key, List<String> args) {
    HandlerProblem {
        args = List.copyOf(args);
    }

    static HandlerProblem of(String key, Object... args) {
        return new HandlerProblem(key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The message in a language. */
    String text(Msg msg) {
        return msg.t(key, args.toArray());
    }
}
