package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.agent.normalize.ShellScript.Dialect;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellScriptTest {

    static Stream<Arguments> posix() {
        return Stream.of(
                Arguments.of("cowsay 'hello there'", "cowsay ?"),
                Arguments.of("mysql -u root -pS3cret -h db", "mysql -u ? -p? -h ?"),
                Arguments.of("Xvfb :99 & $CMD; apt-get install -y cowsay", "? ? & $CMD; apt-get ? -y ?"),
                Arguments.of("cowsay 'x'; id; echo ''", "cowsay ?; id; echo ?"),
                Arguments.of("ls /srv/files/report.pdf", "ls ?"),
                Arguments.of("ls /srv; id", "ls ?; id"),
                Arguments.of("ls -la \"$(id)\" > /tmp/out 2>&1", "ls -la ? $(id) > ? 2>&1"),
                Arguments.of("echo `whoami`", "echo ? $(whoami)"),
                Arguments.of("echo 'a; b $(id) `x`'", "echo ?"),
                Arguments.of("echo \"a; b\"", "echo ?"),
                Arguments.of("echo a\\;id", "echo ?"),
                Arguments.of("a && b || c | d & e", "a && b || c | d & e"),
                Arguments.of("LANG=C sort -u --key=2 file", "LANG=? sort -u --key=? ?"),
                Arguments.of("(cd /tmp && tar xf x.tar)", "(cd ? && tar ? ?)"),
                Arguments.of("if test -f x; then rm x; fi", "if test -f ?; then rm ?; fi"),
                Arguments.of("grep x f # comment", "grep ? ? #?"),
                Arguments.of("echo 1\nid", "echo ?; id"),
                Arguments.of("echo $((1+2)) $HOME", "echo ? ?"),
                Arguments.of("$CMD arg", "$CMD ?"),
                Arguments.of("/usr/bin/id -u", "/usr/bin/id -u"),
                Arguments.of("cat <in >>out", "cat < ? >> ?"),
                Arguments.of("echo \"$(echo $(id))\"", "echo ? $(echo ? $(id))"),
                Arguments.of("curl -s http://x | sh", "curl -s ? | sh"),
                Arguments.of("", ""),
                Arguments.of("cowsay 'unterminated", "cowsay ?"),
                Arguments.of("echo x)", "echo ?)"),
                Arguments.of("--password=hunter2 x", "? ?"),
                Arguments.of("-phunter2 x", "? ?"),
                Arguments.of("cfg=hunter2 x", "cfg=? x"),
                Arguments.of("/home/alice/bin/tool -v", "/home/?/bin/tool -v"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("posix")
    void posixShapes(String script, String expected) {
        assertEquals(expected, ShellScript.shape(script, Dialect.POSIX));
    }

    @Test
    void sameScriptWithOtherArgumentsKeepsItsShapeAnInjectionChangesIt() {
        String benign = ShellScript.shape("cowsay 'hello'", Dialect.POSIX);
        assertEquals(benign, ShellScript.shape("cowsay 'O Brien; said \"hi\"'", Dialect.POSIX));
        assertNotEquals(benign, ShellScript.shape("cowsay 'x'; id; echo ''", Dialect.POSIX));
        assertNotEquals(ShellScript.shape("ls foo", Dialect.POSIX), ShellScript.shape("ls foo$(id)", Dialect.POSIX));
        assertNotEquals(ShellScript.shape("ls foo", Dialect.POSIX), ShellScript.shape("ls foo|id", Dialect.POSIX));
    }

    @Test
    void cmdAndPowerShell() {
        assertEquals("dir ? & whoami", ShellScript.shape("dir \"C:\\x y\" & whoami", Dialect.CMD));
        assertEquals("type ?", ShellScript.shape("type a^&b", Dialect.CMD));
        assertEquals("echo ?", ShellScript.shape("echo 'a;b'", Dialect.POWERSHELL));
        assertEquals("Get-Item ?; whoami", ShellScript.shape("Get-Item x; whoami", Dialect.POWERSHELL));
    }

    @Test
    void noValueSurvives() {
        String shape = ShellScript.shape("mysql -u root --password=hunter2 -e 'select 1' > /home/bob/out",
                Dialect.POSIX);
        assertEquals("mysql -u ? --password=? -e ? > ?", shape);
        assertFalse(shape.contains("hunter2"));
        assertFalse(shape.contains("bob"));
    }

    @Test
    void longAndDeepScriptsAreBounded() {
        String longScript = "echo x; ".repeat(5_000);
        String shape = ShellScript.shape(longScript, Dialect.POSIX);
        assertTrue(shape.endsWith("…"), shape.substring(shape.length() - 20));
        assertTrue(shape.length() <= ShellScript.MAX_CHARS + 8, String.valueOf(shape.length()));
        String deep = "echo $(".repeat(100) + "id" + ")".repeat(100);
        String deepShape = ShellScript.shape(deep, Dialect.POSIX);
        assertTrue(deepShape.contains("$(?)"), deepShape);
        assertEquals("sh -c \"cowsay ?; id\"", CommandShape.of(List.of("sh", "-c", "cowsay 'x'; id")));
    }
}
