package com.example.shop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Carts stored as Java serialization: {@link #restore} deserializes whatever it is given: the gadget sink. */
final class CartCodec {

    byte[] save(Serializable cart) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cart);
        }
        return bytes.toByteArray();
    }

    Object restore(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    Object roundTrip(List<String> items) throws IOException, ClassNotFoundException {
        return restore(save(new ArrayList<>(items)));
    }

    /**
     * A harmless instance of a JDK class that public gadget chains use as their trigger
     * ({@code javax.management.BadAttributeValueExpException}, the entry point of CommonsCollections5): with a
     * null value its {@code readObject} does nothing, but the class name is what gadget detection looks for.
     */
    static byte[] gadgetPayload() throws IOException {
        return new CartCodec().save(new javax.management.BadAttributeValueExpException(null));
    }
}
