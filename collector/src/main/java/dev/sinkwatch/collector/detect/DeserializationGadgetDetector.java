package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.List;
import java.util.Set;

/**
 * {@code deserialization.gadget}: {@code ObjectInputStream} resolved a class known from deserialization gadget
 * chains (ysoserial and later research) — CRITICAL, no baseline needed.
 *
 * <p>The list covers commons-collections 3 and 4 (functors, {@code LazyMap}, {@code TiedMapEntry},
 * {@code TransformingComparator}), Xalan {@code TemplatesImpl} (JDK-internal and Apache), Spring
 * ({@code ObjectFactory}, {@code ObjectFactoryDelegatingInvocationHandler}, {@code JtaTransactionManager},
 * {@code SerializableTypeWrapper} providers), c3p0, ROME ({@code ObjectBean}, {@code ToStringBean},
 * {@code EqualsBean}), Groovy ({@code MethodClosure}, {@code ConvertedClosure}), BeanShell, Jython, Clojure,
 * Rhino, commons-beanutils {@code BeanComparator}, Hibernate, FileUpload/Wicket {@code DiskFileItem}, JBoss/Weld
 * interceptors, Vaadin, json-lib, Click, commons-configuration, MyFaces, and JDK classes used as chain triggers
 * ({@code BadAttributeValueExpException}, {@code AnnotationInvocationHandler}, {@code UnicastRef},
 * {@code RemoteObjectInvocationHandler}, {@code JdbcRowSetImpl}, JNDI {@code Reference}s). Array types
 * ({@code [Lcom.Foo;}) are judged by their element class.
 *
 * <p>Example: {@code resolve org.apache.commons.collections.functors.InvokerTransformer} → CRITICAL;
 * {@code resolve java.util.ArrayList} → nothing.
 */
final class DeserializationGadgetDetector implements TargetRule {

    static final Set<String> CLASSES = Set.of(
            "org.apache.commons.collections.keyvalue.TiedMapEntry",
            "org.apache.commons.collections.map.LazyMap",
            "org.apache.commons.collections.map.TransformedMap",
            "org.apache.commons.collections.comparators.TransformingComparator",
            "org.apache.commons.collections4.keyvalue.TiedMapEntry",
            "org.apache.commons.collections4.map.LazyMap",
            "org.apache.commons.collections4.comparators.TransformingComparator",
            "org.apache.commons.collections4.bag.TreeBag",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TrAXFilter",
            "org.apache.xalan.xsltc.trax.TemplatesImpl",
            "org.springframework.beans.factory.ObjectFactory",
            "org.springframework.beans.factory.support.AutowireUtils$ObjectFactoryDelegatingInvocationHandler",
            "org.springframework.transaction.jta.JtaTransactionManager",
            "org.springframework.core.SerializableTypeWrapper$MethodInvokeTypeProvider",
            "org.springframework.aop.framework.JdkDynamicAopProxy",
            "org.springframework.aop.target.SimpleBeanTargetSource",
            "com.mchange.v2.c3p0.impl.PoolBackedDataSourceBase",
            "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
            "com.mchange.v2.c3p0.JndiRefForwardingDataSource",
            "com.mchange.v2.naming.ReferenceIndirector$ReferenceSerialized",
            "com.sun.syndication.feed.impl.ObjectBean",
            "com.sun.syndication.feed.impl.ToStringBean",
            "com.sun.syndication.feed.impl.EqualsBean",
            "com.rometools.rome.feed.impl.ObjectBean",
            "com.rometools.rome.feed.impl.ToStringBean",
            "com.rometools.rome.feed.impl.EqualsBean",
            "org.codehaus.groovy.runtime.MethodClosure",
            "org.codehaus.groovy.runtime.ConvertedClosure",
            "org.codehaus.groovy.runtime.ConversionHandler",
            "bsh.XThis",
            "bsh.XThis$Handler",
            "bsh.Interpreter",
            "org.python.core.PyFunction",
            "org.python.core.PyMethod",
            "clojure.core$comp",
            "clojure.main$eval_opt",
            "clojure.inspector.proxy$javax.swing.table.AbstractTableModel$ff19274a",
            "org.mozilla.javascript.NativeJavaObject",
            "org.mozilla.javascript.NativeError",
            "org.mozilla.javascript.tools.shell.Environment",
            "org.apache.commons.beanutils.BeanComparator",
            "org.apache.commons.beanutils.BeanMap",
            "org.hibernate.engine.spi.TypedValue",
            "org.hibernate.tuple.component.AbstractComponentTuplizer",
            "org.hibernate.property.BasicPropertyAccessor$BasicGetter",
            "org.hibernate.property.access.spi.GetterMethodImpl",
            "org.apache.commons.fileupload.disk.DiskFileItem",
            "org.apache.wicket.util.upload.DiskFileItem",
            "org.apache.commons.io.output.DeferredFileOutputStream",
            "org.jboss.interceptor.proxy.InterceptorMethodHandler",
            "org.jboss.weld.interceptor.proxy.InterceptorMethodHandler",
            "com.vaadin.data.util.NestedMethodProperty",
            "com.vaadin.data.util.PropertysetItem",
            "net.sf.json.JSONObject",
            "org.apache.click.control.Column$ColumnComparator",
            "org.apache.commons.configuration.ConfigurationMap",
            "org.apache.commons.configuration2.ConfigurationMap",
            "org.apache.myfaces.view.facelets.el.ValueExpressionMethodExpression",
            "org.apache.myfaces.context.servlet.FacesContextImpl",
            "org.apache.xbean.naming.context.ContextUtil$ReadOnlyBinding",
            "org.apache.naming.ResourceRef",
            "org.apache.openjpa.ee.RegistryManagedRuntime",
            "com.sun.jndi.rmi.registry.ReferenceWrapper",
            "com.sun.jndi.ldap.LdapAttribute",
            "com.sun.rowset.JdbcRowSetImpl",
            "javax.naming.Reference",
            "javax.naming.ldap.Rdn$RdnEntry",
            "javax.management.BadAttributeValueExpException",
            "javax.management.openmbean.TabularDataSupport",
            "sun.reflect.annotation.AnnotationInvocationHandler",
            "java.rmi.server.UnicastRef",
            "java.rmi.server.RemoteObjectInvocationHandler",
            "java.rmi.server.UnicastRemoteObject",
            "sun.rmi.server.UnicastRef",
            "sun.rmi.server.UnicastRef2",
            "sun.rmi.server.ActivationGroupImpl",
            "sun.rmi.transport.tcp.TCPEndpoint",
            "javax.swing.event.EventListenerList",
            "javax.swing.UIDefaults$TextAndMnemonicHashMap",
            "com.sun.org.apache.xpath.internal.objects.XString",
            "org.apache.commons.jxpath.ri.model.NodePointer",
            "com.alibaba.fastjson.JSONArray",
            "com.fasterxml.jackson.databind.node.POJONode",
            "org.aspectj.weaver.tools.cache.SimpleCache$StoreableCachingMap",
            "org.apache.logging.log4j.core.net.JndiManager");

    /** Whole packages whose classes only appear in chains (never legitimately serialized). */
    static final List<String> PACKAGES = List.of(
            "org.apache.commons.collections.functors.",
            "org.apache.commons.collections4.functors.",
            "ysoserial.");

    public Detector detector() {
        return Detector.DESERIALIZATION_GADGET;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.DESERIALIZATION;
    }

    /** {@code [[Lcom.Foo;} → {@code com.Foo}. */
    static String elementClass(String name) {
        String n = name.trim();
        int dims = 0;
        while (dims < n.length() && n.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0 && n.length() > dims + 1 && n.charAt(dims) == 'L' && n.endsWith(";")) {
            return n.substring(dims + 1, n.length() - 1);
        }
        return n;
    }

    static boolean isGadget(String className) {
        String c = elementClass(className);
        if (CLASSES.contains(c)) {
            return true;
        }
        for (String p : PACKAGES) {
            if (c.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.DESERIALIZATION || !isGadget(o.target())) {
            return null;
        }
        return Findings.of(detector(), Severity.CRITICAL, "Deserialization gadget class resolved: " + o.target() + " at "
                        + o.callSite().id(), o, ctx.nowMillis(),
                Findings.evidence("class", elementClass(o.target()), "baseline", "day-0 rule, known gadget list"));
    }
}
