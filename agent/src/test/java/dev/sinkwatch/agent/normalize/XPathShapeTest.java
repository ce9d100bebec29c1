package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XPathShapeTest {

    @Test
    void literalsAndNumbersFold() {
        assertEquals("//user[name/text()=? and pass=?]/role/text()",
                XPathShape.normalise("//user[name/text()='bob' and pass=\"x y\"]/role/text()"));
        assertEquals("//item[?]/price[. > ?]", XPathShape.normalise("//item[3]/price[. > 10.5]"));
        assertEquals("//h1/item2[@id=$id]", XPathShape.normalise("//h1/item2[@id=$id]"), "digits in names");
        assertEquals("count(//a) = ?", XPathShape.normalise("count(//a)   =   .5"));
    }

    @Test
    void injectedStructureStaysVisible() {
        assertEquals("//user[name/text()=? or ?=?]/role/text()",
                XPathShape.normalise("//user[name/text()='' or '1'='1']/role/text()"));
    }

    @Test
    void anUnterminatedLiteralFoldsTheRestAndLengthIsBounded() {
        assertEquals("//user[name=?", XPathShape.normalise("//user[name='bob and secret]"));
        assertEquals("", XPathShape.normalise(null));
        String shape = XPathShape.normalise("//a[b='" + "x".repeat(20_000) + "']");
        assertTrue(shape.endsWith("…") && shape.length() < 16, shape);
    }
}
