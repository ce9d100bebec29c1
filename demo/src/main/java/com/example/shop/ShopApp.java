package com.example.shop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The sample application's main class; see the package documentation for its stdin protocol. */
public final class ShopApp {

    private ShopApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/shop-demo");
        try (LoopbackProxy proxy = LoopbackProxy.start();
             OrderRepository orders = OrderRepository.open()) {
            ReceiptStore receipts = ReceiptStore.create(home);
            PriceClient prices = new PriceClient(proxy.port());
            ReportExporter reports = new ReportExporter();
            CartCodec carts = new CartCodec();
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.trim();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals("quit")) {
                    System.out.println("ok quit");
                    System.out.flush();
                    break;
                }
                try {
                    run(command, orders, receipts, prices, reports, carts);
                    System.out.println("ok " + command);
                } catch (Exception e) {
                    System.out.println("error " + command + ": " + e);
                }
                System.out.flush();
            }
        }
    }

    private static void run(String command, OrderRepository orders, ReceiptStore receipts, PriceClient prices,
            ReportExporter reports, CartCodec carts) throws Exception {
        String[] words = command.split("\\s+");
        switch (words[0] + (words.length > 1 && words[0].equals("attack") ? " " + words[1] : "")) {
            case "benign" -> {
                int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 1;
                String[] customers = {"alice", "bob", "carol", "dave"};
                for (int i = 0; i < rounds; i++) {
                    String customer = customers[i % customers.length];
                    orders.place(customer, 10 + i % 7);
                    orders.byId(1 + i % 5);
                    orders.byCustomer(customer);
                    receipts.write(i % 3, "receipt for " + customer);
                    receipts.read("r-" + (i % 3) + ".txt");
                    prices.fetch("93.184.216.34", "/prices/" + (i % 4));
                    carts.roundTrip(java.util.List.of(customer, "item-" + i % 3));
                }
            }
            case "attack sql" -> orders.byCustomer("x' OR '1'='1");
            case "attack traversal" -> receipts.read("../secret/canary.txt");
            case "attack ssrf" -> prices.fetch("169.254.169.254", "/latest/meta-data/iam/security-credentials/");
            case "attack exec" -> reports.export();
            case "attack gadget" -> carts.restore(CartCodec.gadgetPayload());
            default -> throw new IllegalArgumentException("unknown command");
        }
    }
}
