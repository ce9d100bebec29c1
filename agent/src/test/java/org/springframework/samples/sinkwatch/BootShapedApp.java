package org.springframework.samples.sinkwatch;

import org.springframework.util.FileCopyUtils;

import java.io.File;
import java.nio.file.Files;

/**
 * A Spring-Boot-shaped application living where Spring's own sample applications live (as PetClinic does): its
 * package starts with {@code org.springframework}, yet only this package is application code. It writes a file
 * directly and through Spring's {@code FileCopyUtils}, a framework class that must stay a library.
 */
public final class BootShapedApp {
    public static void main(String[] args) throws Exception {
        File file = File.createTempFile("boot-shaped", ".txt");
        Files.writeString(file.toPath(), "direct"); // @sink:boot-direct
        FileCopyUtils.copy(new byte[]{1, 2, 3}, file); // @sink:boot-through-spring
        System.out.println("written " + file.length());
        Files.delete(file.toPath());
    }
}
