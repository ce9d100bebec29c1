package com.example.shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Receipts as files under {@code home/receipts}; {@link #read} joins the name unchecked: the traversable one. */
final class ReceiptStore {

    private final Path receipts;

    private ReceiptStore(Path receipts) {
        this.receipts = receipts;
    }

    static ReceiptStore create(Path home) throws IOException {
        Path receipts = home.resolve("receipts");
        Files.createDirectories(receipts);
        Path secret = home.resolve("secret");
        Files.createDirectories(secret);
        Files.writeString(secret.resolve("canary.txt"), "sinkwatch demo canary: reading this is the attack\n");
        return new ReceiptStore(receipts);
    }

    void write(int number, String text) throws IOException {
        Files.writeString(receipts.resolve("r-" + number + ".txt"), text, StandardCharsets.UTF_8);
    }

    String read(String name) throws IOException {
        return Files.readString(Path.of(receipts.toString() + "/" + name), StandardCharsets.UTF_8);
    }
}
