package net.mfagateway.gateway.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("mfa-gateway " + Runtime.version());
    }
}
