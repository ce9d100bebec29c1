package dev.sinkwatch.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Enumeration;

/**
 * A servlet API's request methods the request hook reads ({@code getQueryString}, {@code getRequestURI},
 * {@code getHeaderNames}, {@code getHeader}), as method handles on the {@code HttpServletRequest} interface the woven
 * {@code HttpServlet} names: the bridge, in the boot loader, cannot name {@code jakarta.servlet} or
 * {@code javax.servlet} types, and the interface it is handed is the very one of the servlet's own class loader.
 * Looked up once per interface; an API without one of them gets no inputs read, never an error.
 */
final class ServletApi {
    private static final ClassValue<ServletApi> BY_INTERFACE = new ClassValue<ServletApi>() {
        @Override
        protected ServletApi computeValue(Class<?> requestInterface) {
            return new ServletApi(requestInterface);
        }
    };

    private final MethodHandle queryString;
    private final MethodHandle requestUri;
    private final MethodHandle headerNames;
    private final MethodHandle header;

    private ServletApi(Class<?> requestInterface) {
        MethodHandle q = null;
        MethodHandle u = null;
        MethodHandle n = null;
        MethodHandle h = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            q = lookup.findVirtual(requestInterface, "getQueryString", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            u = lookup.findVirtual(requestInterface, "getRequestURI", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            n = lookup.findVirtual(requestInterface, "getHeaderNames", MethodType.methodType(Enumeration.class))
                    .asType(MethodType.methodType(Enumeration.class, Object.class));
            h = lookup.findVirtual(requestInterface, "getHeader", MethodType.methodType(String.class, String.class))
                    .asType(MethodType.methodType(String.class, Object.class, String.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notAServletRequest) {
            q = null;
        }
        this.queryString = q;
        this.requestUri = u;
        this.headerNames = n;
        this.header = h;
    }

    static ServletApi of(Class<?> requestInterface) {
        return BY_INTERFACE.get(requestInterface);
    }

    /**
     * Adds the request's query string, path and headers to {@code inputs}. Nothing with a side effect is called: the
     * query string is parsed by the holder rather than through {@code getParameter} (which would consume a form body
     * the application may want to read itself), and cookies come from the {@code Cookie} header.
     */
    void read(Object request, RequestInputs inputs) throws Throwable {
        if (queryString == null) {
            return;
        }
        inputs.addQuery((String) queryString.invokeExact(request));
        inputs.addPath((String) requestUri.invokeExact(request));
        Enumeration<?> names = (Enumeration<?>) headerNames.invokeExact(request);
        while (names != null && names.hasMoreElements() && !inputs.full()) {
            String name = (String) names.nextElement();
            inputs.addHeader(name, (String) header.invokeExact(request, name));
        }
    }
}
