package net.mfagateway.parsers.internal;

import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;

/**
 * Makes jakarta.mail-api 2.1's provider look-up cheap while a message is parsed. The API finds its
 * {@link StreamProvider} with a fresh {@code ServiceLoader} on every Multipart, BodyPart,
 * InternetHeaders and {@code MimeUtility.decode} (jakartaee/mail-api#699 and #861), scanning every
 * jar on the class path each time: three quarters of the parse time in ParseBenchmark. The
 * look-up asks the thread's context class loader first, so for the duration of one parse this
 * loader stands there: it serves the one service file from a copy read once, and delegates all
 * else to the loader of this class. The caller's context loader is put back afterwards; nothing
 * global changes. Remove once the API caches its provider (planned for 2.2).
 */
final class ProviderLookup extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String SERVICE_FILE = "META-INF/services/" + StreamProvider.class.getName();
    private static final ProviderLookup LOADER = create();

    private final URL serviceFile;

    private ProviderLookup(ClassLoader parent, URL serviceFile) {
        super(parent);
        this.serviceFile = serviceFile;
    }

    /** Runs {@code parse} with the cached look-up in place, or plainly when there is nothing to cache. */
    static <T> T during(Supplier<T> parse) {
        if (LOADER == null) {
            return parse.get();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            return parse.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return SERVICE_FILE.equals(name) ? Collections.enumeration(java.util.List.of(serviceFile)) : super.getResources(name);
    }

    /** The loader, or null when no provider is declared (then the API's own look-up reports it). */
    private static ProviderLookup create() {
        ClassLoader parent = ProviderLookup.class.getClassLoader();
        ByteArrayOutputStream declared = new ByteArrayOutputStream();
        try {
            for (Enumeration<URL> files = parent.getResources(SERVICE_FILE); files.hasMoreElements(); ) {
                try (InputStream in = files.nextElement().openStream()) {
                    in.transferTo(declared);
                    declared.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICE_FILE, e);
        }
        if (declared.size() == 0) {
            return null;
        }
        byte[] content = declared.toByteArray();
        URLStreamHandler inMemory = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(content);
                    }
                };
            }
        };
        try {
            return new ProviderLookup(parent, URL.of(URI.create("memory:/" + SERVICE_FILE), inMemory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
