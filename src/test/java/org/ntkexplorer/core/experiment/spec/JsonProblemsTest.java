package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A spec that is not JSON is explained without Jackson's switches, source dumps or character codes. */
class JsonProblemsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"study\": NaN}|not valid JSON at line 1, column 14: NaN is not a number in JSON; write a finite number",
        "{\"nTest\": -Infinity}|not valid JSON at line 1, column 20: -Infinity is not a number in JSON; write a finite number",
        "{\"study\": \"scaling\"|not valid JSON at line 1, column 20: the text ends before the object '{' opened at line 1, column 1 is closed",
        "{\"study\" \"scaling\"}|not valid JSON at line 1, column 10: unexpected '\"', expecting a colon to separate field name and value",
        "{'study': 1}|not valid JSON at line 1, column 2: unexpected \"'\", expecting double-quote to start field name",
        "{\"a\": tru}|not valid JSON at line 1, column 10: 'tru' is not a value; expected a string in double quotes, a number, a list, an object, true, false or null",
    })
    void messagesAreInASpecAuthorsWords(String json, String expected) {
        var e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse(json));
        assertEquals(1, e.problems().size());
        assertEquals(expected, e.problems().get(0));
        assertFalse(e.getMessage().contains("Source") || e.getMessage().contains("JsonReadFeature")
                || e.getMessage().contains("code "), e.getMessage());
    }
}
