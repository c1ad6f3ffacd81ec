package org.ntkexplorer.core.experiment.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Why a spec is not JSON, in a spec author's words. Jackson's own text names its parser switches
 * ("enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS") and a redacted source ("[Source: REDACTED …]"), neither of
 * which means anything to someone writing a spec.
 */
final class JsonProblems {
    private static final Pattern START = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("token '([^']*)'");
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");

    private JsonProblems() {
    }

    static String describe(JsonProcessingException e) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return "not valid JSON at " + where(e.getLocation()) + ": " + reason(e, raw);
    }

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '([^']*)'");

    private static String reason(JsonProcessingException e, String raw) {
        Matcher duplicate = DUPLICATE.matcher(raw);
        if (duplicate.find()) {
            return "the key '" + duplicate.group(1) + "' is given twice; keep one of its values";
        }
        Matcher token = TOKEN.matcher(raw);
        if (raw.contains("NON_NUMERIC_NUMBERS") && token.find()) {
            return token.group(1) + " is not a number in JSON; write a finite number";
        }
        if (e instanceof JsonEOFException) {
            Matcher start = START.matcher(raw);
            String opened = raw.contains("Array") ? "list '['" : raw.contains("Object") ? "object '{'" : "value";
            return "the text ends before the " + opened + (start.find() ? " opened at line " + start.group(1)
                    + ", column " + start.group(2) : "") + " is closed";
        }
        if (raw.startsWith("Unrecognized token") && token.find()) {
            return "'" + token.group(1) + "' is not a value; expected a string in double quotes, a number, a list, "
                    + "an object, true, false or null";
        }
        Matcher ch = CHARACTER.matcher(raw);
        if (ch.find()) {
            String expecting = raw.contains("was expecting") ? raw.substring(raw.indexOf("was expecting") + 4) : "";
            String c = ch.group(1).equals("'") ? "\"'\"" : "'" + ch.group(1) + "'";
            return "unexpected " + c + (expecting.isEmpty() ? "" : ", " + expecting);
        }
        if (raw.startsWith("Illegal unquoted character")) {
            return "a line break or control character inside a string must be written as an escape such as \\n";
        }
        // Anything else: Jackson's sentence without its source dump, feature names and character codes.
        return raw.replaceAll("\\s*\\[Source:.*", "").replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("enable `[^`]*` to allow", "not accepted in a spec").strip();
    }

    private static String where(JsonLocation at) {
        return at == null ? "an unknown place" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
