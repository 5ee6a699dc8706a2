package io.experienceledger.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;

/**
 * Parses one JSON document into a {@link JsonNode} tree with Jackson's streaming parser, accepting exactly the
 * JSON grammar serde_json accepts: no comments, no single quotes, no unquoted names, no leading zeros or plus
 * signs, no NaN, no trailing commas, no raw control characters in strings, only space, tab, CR and LF as
 * whitespace, nothing but whitespace after the document, and at most {@value #MAX_DEPTH} nested arrays and
 * objects (serde_json's recursion limit of 128 rejects the 128th level). Numbers and strings of any length are
 * kept, as serde_json keeps them.
 *
 * <p>Syntax errors become {@link ConvergeJsonException}s at the path of the container being read, worded like
 * serde_json where the cause is clear ({@code EOF while parsing an object}, {@code trailing characters},
 * {@code recursion limit exceeded}) and with Jackson's description otherwise, followed by
 * {@code at line L column C}.
 */
final class JsonTreeParser {
    /** The deepest nesting serde_json reads. */
    static final int MAX_DEPTH = 127;

    private static final JsonFactory FACTORY = strictFactory();

    private static final int INITIAL_CAPACITY = 8;

    private JsonTreeParser() {
    }

    /**
     * A factory with every lenient read feature off (each disabled on its own: the varargs {@code disable} of
     * jackson-core 2.21 enables the features after the first), no duplicate detection (the tree keeps duplicates)
     * and no document text in locations.
     */
    private static JsonFactory strictFactory() {
        final JsonFactoryBuilder builder = new JsonFactoryBuilder();
        builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .build());
        for (JsonReadFeature lenient : JsonReadFeature.values()) {
            builder.disable(lenient);
        }
        builder.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        builder.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
        final JsonFactory factory = builder.build();
        for (JsonReadFeature lenient : JsonReadFeature.values()) {
            if ((factory.getParserFeatures() & lenient.mappedFeature().getMask()) != 0) {
                throw new IllegalStateException("lenient JSON feature still enabled: " + lenient);
            }
        }
        return factory;
    }

    /** Parses {@code json}, which must hold exactly one JSON value (surrounded by whitespace at most). */
    static JsonNode parse(String json) {
        Objects.requireNonNull(json, "json");
        final JsonParser parser;
        try {
            parser = FACTORY.createParser(json);
        } catch (IOException e) {
            throw new ConvergeJsonException("", "cannot read the document: " + e.getMessage(), e);
        }
        try {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConvergeJsonException("", "EOF while parsing a value" + atEnd(json));
            }
            final JsonNode root = read(parser, first);
            rejectTrailing(json, parser.currentLocation().getCharOffset());
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(json, parser, e);
        } catch (IOException | IllegalStateException e) {
            throw new ConvergeJsonException(contextPath(parser), "cannot read the document: " + e.getMessage(), e);
        } finally {
            release(parser);
        }
    }

    /** Returns the parser's buffers; reading a string holds no other resource, so closing cannot really fail. */
    private static void release(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException e) {
            throw new ConvergeJsonException("", "cannot release the parser: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new JsonNode.Str(parser.getText());
            case VALUE_NUMBER_INT -> new JsonNode.Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonNode.Num(parser.getText(), false);
            case VALUE_TRUE -> JsonNode.Bool.TRUE;
            case VALUE_FALSE -> JsonNode.Bool.FALSE;
            case VALUE_NULL -> JsonNode.Null.INSTANCE;
            default -> throw new ConvergeJsonException(contextPath(parser),
                    "unexpected token " + token + at(parser.currentTokenLocation()));
        };
    }

    private static JsonNode.Obj readObject(JsonParser parser) throws IOException {
        String[] keys = new String[INITIAL_CAPACITY];
        JsonNode[] values = new JsonNode[INITIAL_CAPACITY];
        int size = 0;
        String key;
        while ((key = parser.nextFieldName()) != null) {
            final JsonNode value = read(parser, parser.nextToken());
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }
        return new JsonNode.Obj(keys, values, size);
    }

    private static JsonNode.Arr readArray(JsonParser parser) throws IOException {
        JsonNode[] items = new JsonNode[INITIAL_CAPACITY];
        int size = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            final JsonNode item = read(parser, token);
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }
        return new JsonNode.Arr(items, size);
    }

    /** Rejects anything but JSON whitespace after the document, which ends at char offset {@code end}. */
    private static void rejectTrailing(String json, long end) {
        for (int i = (int) end; i < json.length(); i++) {
            final char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw new ConvergeJsonException("", "trailing characters" + at(json, i));
            }
        }
    }

    /** The position serde_json reports at the end of the input: the last line and the number of chars on it. */
    private static String atEnd(String json) {
        final int lastNewline = json.lastIndexOf('\n');
        int line = 1;
        for (int i = 0; i <= lastNewline; i++) {
            if (json.charAt(i) == '\n') {
                line++;
            }
        }
        return " at line " + line + " column " + (json.length() - lastNewline - 1);
    }

    /** The 1-based line and column of char {@code index} of {@code json}, as serde_json reports positions. */
    private static String at(String json, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (json.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " at line " + line + " column " + (index - lineStart + 1);
    }

    private static ConvergeJsonException syntaxError(String json, JsonParser parser, JsonProcessingException e) {
        final String original = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
        final String path = contextPath(parser);
        if (e instanceof StreamConstraintsException && original.contains("nesting depth")) {
            final int bracket = (int) parser.currentLocation().getCharOffset() - 1;
            return new ConvergeJsonException(path, "recursion limit exceeded" + at(json, bracket), e);
        }
        if (e instanceof JsonEOFException || original.contains("end-of-input")) {
            return new ConvergeJsonException(path, "EOF while parsing " + eofWhat(original) + atEnd(json), e);
        }
        final JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        if (original.contains("root-level values")) {
            return new ConvergeJsonException("", "trailing characters" + at(location), e);
        }
        return new ConvergeJsonException(path, firstClause(original) + at(location), e);
    }

    private static String eofWhat(String message) {
        if (message.contains("closing quote")) {
            return "a string";
        }
        if (message.contains("close marker for Object") || message.contains("Object entries")) {
            return "an object";
        }
        if (message.contains("close marker for Array") || message.contains("Array entries")) {
            return "a list";
        }
        return "a value";
    }

    /** Jackson's message without the trailing source reference it sometimes appends in parentheses. */
    private static String firstClause(String message) {
        final int marker = message.indexOf(" (start marker at");
        return marker < 0 ? message : message.substring(0, marker);
    }

    private static String at(JsonLocation location) {
        if (location == null) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    /**
     * The path of the array or object the parser was in when it stopped, from Jackson's context chain: every
     * enclosing context contributes the member name or element index that leads to the next one.
     */
    private static String contextPath(JsonParser parser) {
        final Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
            chain.push(c);
        }
        JsonPath path = JsonPath.ROOT;
        chain.pollLast();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path = path.index(Math.max(c.getCurrentIndex(), 0));
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = path.field(c.getCurrentName());
            }
        }
        return path.toString();
    }
}
