package com.example.weaver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Application code with one call that reaches a sink. */
public final class Reads {
    private Reads() {
    }

    public static String read(Path path) throws IOException {
        return Files.readString(path);
    }
}
