package net.mfagateway.gateway.worker;

import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.store.Connection;

/** Hears what login workers do, as it happens: the demo prints it, the service logs it. */
public interface LoginListener {

    void step(Connection connection, String what);

    void finished(Connection connection, LoginReport outcome);

    LoginListener NONE = new LoginListener() {
        @Override
        public void step(Connection connection, String what) {
        }

        @Override
        public void finished(Connection connection, LoginReport outcome) {
        }
    };
}
