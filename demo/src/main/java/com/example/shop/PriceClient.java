package com.example.shop;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;

/**
 * Fetches prices over HTTP from a host the caller names: the SSRF-able one. Every request goes through the
 * loopback forward proxy, so {@code http://169.254.169.254/...} is requested (the agent sees that URL) but no
 * packet leaves the machine.
 */
final class PriceClient {

    private final Proxy proxy;

    PriceClient(int proxyPort) {
        this.proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyPort));
    }

    String fetch(String host, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://" + host + path).openConnection(proxy);
        connection.setConnectTimeout(200);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
