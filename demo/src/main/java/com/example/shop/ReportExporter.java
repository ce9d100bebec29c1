package com.example.shop;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** "Exports a report" by shelling out: the process sink. The command is {@code sh -c true}: it does nothing. */
final class ReportExporter {

    void export() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "true").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
