package net.mfagateway.gateway.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreException;

/**
 * A real store whose next N message commits fail as a full disk would: nothing is kept. Every
 * other call goes to the real store unchanged (a proxy, so new store methods need nothing here).
 */
public final class FlakyStore {

    private final AtomicInteger failures = new AtomicInteger();
    private final Store store;

    public FlakyStore(Store real) {
        this.store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("accept") && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        return CompletableFuture.failedFuture(new StoreException("No space left on device", null));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public void failNextAccepts(int n) {
        failures.set(n);
    }

    /** The store to hand to the code under test. */
    public Store store() {
        return store;
    }
}
