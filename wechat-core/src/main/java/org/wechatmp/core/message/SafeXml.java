package org.wechatmp.core.message;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.io.Stax2ByteArraySource;
import org.codehaus.stax2.io.Stax2CharArraySource;

/**
 * The one XML reader of the framework: Woodstox StAX with DTDs, external entities and entity expansion refused,
 * and depth and size bounded. It turns a document into the root element's {@link XmlFields} in a single pass. The
 * flat shape of nearly every callback is read by {@link FlatXml} first, which hands anything else to Woodstox.
 */
final class SafeXml {
    private static final int MAX_DEPTH = 16;
    private static final XMLInputFactory FACTORY = newFactory();
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    /** Documents up to this size are decoded into a per-thread buffer (the fast path copies out what it keeps). */
    private static final int SCRATCH_CHARS = 64 * 1024;
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[4096]);

    private SafeXml() {
    }

    private static XMLInputFactory newFactory() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.TRUE);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 32);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        return f;
    }

    static XmlFields parse(byte[] xml, int maxBytes) {
        if (xml == null || xml.length == 0) {
            throw new MessageParseException("empty XML body");
        }
        if (xml.length > maxBytes) {
            throw new MessageParseException("XML body exceeds " + maxBytes + " bytes");
        }
        CharBuffer chars = decode(xml);
        if (chars != null) {
            XmlFields flat = FlatXml.parse(chars.array(), chars.limit());
            if (flat != null) {
                return flat;
            }
        }
        try {
            return read(((WstxInputFactory) FACTORY).createXMLStreamReader(
                    new Stax2ByteArraySource(xml, 0, xml.length)));
        } catch (XMLStreamException e) {
            throw new MessageParseException("malformed XML", e);
        }
    }

    static XmlFields parse(String xml, int maxBytes) {
        if (xml == null || xml.isEmpty()) {
            throw new MessageParseException("empty XML body");
        }
        // a char is at most 3 UTF-8 bytes; only count exactly when the cheap bound is exceeded
        if (xml.length() * 3L > maxBytes && utf8Length(xml) > maxBytes) {
            throw new MessageParseException("XML body exceeds " + maxBytes + " bytes");
        }
        char[] chars = xml.toCharArray();
        XmlFields flat = FlatXml.parse(chars, chars.length);
        return flat != null ? flat : woodstox(chars);
    }

    /** The full parser alone (the fast path's tests compare against it). */
    static XmlFields woodstox(char[] chars) {
        try {
            return read(((WstxInputFactory) FACTORY).createXMLStreamReader(
                    new Stax2CharArraySource(chars, 0, chars.length)));
        } catch (XMLStreamException e) {
            throw new MessageParseException("malformed XML", e);
        }
    }

    /**
     * Strict UTF-8 (a malformed byte gives {@code null}: Woodstox then reports it), into this thread's buffer: valid
     * until the thread's next decode, so only for a parse that completes before it returns.
     */
    private static CharBuffer decode(byte[] xml) {
        CharsetDecoder d = UTF8.get();
        d.reset();
        char[] buf = SCRATCH.get();
        if (buf.length < xml.length) {
            buf = new char[xml.length];
            if (xml.length <= SCRATCH_CHARS) {
                SCRATCH.set(buf);
            }
        }
        CharBuffer out = CharBuffer.wrap(buf, 0, xml.length);
        CoderResult r = d.decode(ByteBuffer.wrap(xml), out, true);
        if (r.isError() || r.isOverflow() || d.flush(out).isError()) {
            return null;
        }
        out.flip();
        return out;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static XmlFields read(XMLStreamReader r) throws XMLStreamException {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        XmlFields root = null;
        try {
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD ->
                            throw new MessageParseException("DOCTYPE is not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                            throw new MessageParseException("entities are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> stack.push(new Frame(r.getLocalName()));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                        Frame f = stack.peek();
                        if (f != null) {
                            f.text(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.CDATA -> {
                        Frame f = stack.peek();
                        if (f != null) {
                            f.cdata(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Frame done = stack.pop();
                        if (stack.isEmpty()) {
                            // keep reading to the end so trailing garbage or a second root is refused
                            root = done.children == null ? XmlFields.empty() : XmlFields.wrap(freeze(done.children));
                            continue;
                        }
                        stack.peek().add(done.name, done.value());
                    }
                    default -> {
                        // comments and processing instructions carry nothing
                    }
                }
            }
        } finally {
            r.close();
        }
        if (root == null) {
            throw new MessageParseException("malformed XML: no root element");
        }
        return root;
    }

    private static LinkedHashMap<String, Object> freeze(LinkedHashMap<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getValue() instanceof ArrayList<?> list) {
                e.setValue(List.copyOf(list));
            }
        }
        return map;
    }

    private static final class Frame {
        final String name;
        LinkedHashMap<String, Object> children;
        StringBuilder text;
        StringBuilder cdata;
        boolean plainNonBlank;

        Frame(String name) {
            this.name = name;
        }

        void text(char[] chars, int start, int len) {
            buffer().append(chars, start, len);
            if (!plainNonBlank) {
                for (int i = start; i < start + len; i++) {
                    if (!Character.isWhitespace(chars[i])) {
                        plainNonBlank = true;
                        break;
                    }
                }
            }
        }

        void cdata(char[] chars, int start, int len) {
            buffer().append(chars, start, len);
            if (cdata == null) {
                cdata = new StringBuilder(len);
            }
            cdata.append(chars, start, len);
        }

        private StringBuilder buffer() {
            if (text == null) {
                text = new StringBuilder(32);
            }
            return text;
        }

        void add(String child, Object value) {
            if (children == null) {
                children = new LinkedHashMap<>();
            }
            Object existing = children.putIfAbsent(child, value);
            if (existing != null) {
                if (existing instanceof ArrayList<?>) {
                    @SuppressWarnings("unchecked")
                    ArrayList<Object> list = (ArrayList<Object>) existing;
                    list.add(value);
                } else {
                    ArrayList<Object> list = new ArrayList<>(4);
                    list.add(existing);
                    list.add(value);
                    children.put(child, list);
                }
            }
        }

        Object value() {
            if (children != null) {
                return XmlFields.wrap(freeze(children));
            }
            if (text == null) {
                return "";
            }
            if (cdata != null) {
                // whitespace around a CDATA section is layout, the CDATA is the value
                return plainNonBlank ? text.toString() : cdata.toString();
            }
            return text.toString().trim();
        }
    }
}
