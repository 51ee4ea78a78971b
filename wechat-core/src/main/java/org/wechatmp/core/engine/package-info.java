/**
 * The reply engine: handlers with rules and replies as data, custom rules and replies as named Java objects,
 * matched through indexes (hash maps and one Aho–Corasick automaton) instead of a scan.
 */
package org.wechatmp.core.engine;
