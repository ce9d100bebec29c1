package org.apache.commons.collections.functors;

import java.io.Serializable;

/**
 * A harmless stand-in for the commons-collections gadget of the same name, so the deserialization tests play a
 * gadget chain's first step (an attacker-chosen class resolved from a request) without any gadget behaviour: it
 * holds a string and does nothing else.
 */
public class InvokerTransformer implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String method;

    public InvokerTransformer(String method) {
        this.method = method;
    }
}
