package org.ogi.stack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Keeps one test {@link Stack} per JVM. Quarkus loads a test resource in a new class loader whenever it restarts the
 * application for a test class with other resources, so a plain static field would start a second stack. The stack
 * is therefore owned by this class as loaded by the system class loader (where surefire puts the test class path),
 * and every other loader reaches it through JDK types only.
 */
final class SharedStack {

    private static Map<String, Object> exported;

    private SharedStack() {
    }

    /** A view of the JVM's shared stack, starting it on first use. */
    static Stack view() {
        return Stack.view(exportFromOwner());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exportFromOwner() {
        Class<?> owner;
        try {
            owner = Class.forName(SharedStack.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return exportHere(); // not on the system class path (some IDE runners): this loader owns it
        }
        if (owner == SharedStack.class) {
            return exportHere();
        }
        try {
            Method export = owner.getDeclaredMethod("exportHere");
            export.setAccessible(true);
            return (Map<String, Object>) export.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the shared test stack", e);
        }
    }

    private static synchronized Map<String, Object> exportHere() {
        if (exported == null) {
            Thread thread = Thread.currentThread();
            ClassLoader callerLoader = thread.getContextClassLoader();
            thread.setContextClassLoader(SharedStack.class.getClassLoader());
            Stack stack;
            try {
                stack = Stack.startForTests();
            } finally {
                thread.setContextClassLoader(callerLoader);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "ogi-test-stack-shutdown"));
            exported = stack.export();
        }
        return exported;
    }
}
