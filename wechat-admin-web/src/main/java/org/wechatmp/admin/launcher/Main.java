package org.wechatmp.admin.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The war's {@code Main-Class}. It uses the JDK only: it copies {@code WEB-INF/launcher/} (Jetty's jars and the
 * Jetty half of the launcher) out of the war into a temporary directory, loads them in their own class loader and
 * hands the war to {@code JettyLauncher}. The web application itself is then loaded from the war by Jetty, as in
 * any container.
 */
public final class Main {
    private static final String PREFIX = "WEB-INF/launcher/";

    private Main() {
    }

    /**
     * Starts the admin on embedded Jetty.
     *
     * @param args unused; settings come from environment variables and system properties
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        Path war = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = Files.createTempDirectory("wechat-admin-launcher");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "launcher-cleanup"));
        List<URL> urls = new ArrayList<>();
        try (JarFile jar = new JarFile(war.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith(PREFIX)) {
                    continue;
                }
                Path target = dir.resolve(e.getName().substring(PREFIX.length())).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("bad entry in the war: " + e.getName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (target.getFileName().toString().endsWith(".jar")) {
                    urls.add(target.toUri().toURL());
                }
            }
        }
        // a directory URL must end with '/', which toUri() adds only for a directory that exists
        urls.add(0, new URL(dir.resolve("classes").toUri() + "/"));
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> jetty = loader.loadClass("org.wechatmp.admin.launcher.JettyLauncher");
        jetty.getMethod("run", Path.class).invoke(null, war);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
