package org.pumppki.ca.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class InteropToolsTest {

    @Test
    void missingToolSkipsWhenInteropIsOptional() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> InteropTools.require(false, "'frobnicate' is not on the PATH", false));

        assertTrue(e.getMessage().contains("'frobnicate' is not on the PATH; skipping"), e.getMessage());
    }

    @Test
    void missingToolFailsWhenInteropIsRequired() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> InteropTools.require(false, "'frobnicate' is not on the PATH", true));

        assertTrue(e.getMessage().contains("interop tests are required"), e.getMessage());
    }

    @Test
    void availableToolPassesEitherWay() {
        assertDoesNotThrow(() -> InteropTools.require(true, "unused", true));
        assertDoesNotThrow(() -> InteropTools.require(true, "unused", false));
    }

    @Test
    void findsExecutablesOnThePath() {
        Path shell = InteropTools.findOnPath("sh").orElseThrow();

        assertEquals("sh", shell.getFileName().toString());
        assertTrue(InteropTools.findOnPath("no-such-tool-" + System.nanoTime()).isEmpty());
    }
}
