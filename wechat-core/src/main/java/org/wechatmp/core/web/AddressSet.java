package org.wechatmp.core.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A set of IP addresses and CIDR ranges, parsed once; only literals are accepted, so nothing is looked up. */
final class AddressSet {
    private record Range(byte[] network, int bits) {
    }

    private final List<Range> ranges;

    private AddressSet(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The parsed sets of the few lists a process uses (its settings), so a request parses none. */
    private static final com.github.benmanes.caffeine.cache.Cache<Collection<String>, AddressSet> PARSED =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(64).build();

    /** {@link #of}, parsed once per distinct list. */
    static AddressSet cached(Collection<String> entries) {
        AddressSet known = PARSED.getIfPresent(entries);
        if (known == null) {
            known = of(entries); // a typo throws here, every time, and nothing is cached
            PARSED.put(entries instanceof java.util.Set ? java.util.Set.copyOf(entries) : List.copyOf(entries), known);
        }
        return known;
    }

    static AddressSet of(Collection<String> entries) {
        List<Range> out = new ArrayList<>();
        for (String e : entries) {
            String s = e.trim();
            if (s.isEmpty()) {
                continue;
            }
            int slash = s.indexOf('/');
            byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
            if (addr == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + s);
            }
            int bits = addr.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("not a CIDR range: " + s);
                }
                if (bits < 0 || bits > addr.length * 8) {
                    throw new IllegalArgumentException("not a CIDR range: " + s);
                }
            }
            out.add(new Range(addr, bits));
        }
        return new AddressSet(List.copyOf(out));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] a = literal(address.trim());
        if (a == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.network().length == a.length && matches(r.network(), a, r.bits())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] net, byte[] a, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (net[full] & mask) == (a[full] & mask);
    }

    /** The bytes of an IPv4 or IPv6 literal ({@code [::1]} too), or {@code null}; never a DNS lookup. */
    static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v6 = v.indexOf(':') >= 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c == '.' || c >= '0' && c <= '9' || v6 && (c == ':' || c >= 'a' && c <= 'f'
                    || c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        if (!v6 && !v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(v).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
