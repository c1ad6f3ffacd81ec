package org.ntkexplorer.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Product name and version, read from the resource Maven filters at build time. */
public final class AppInfo {
    public static final String NAME = "NTK Explorer";

    private static final Properties PROPS = load();

    private AppInfo() {
    }

    public static String version() {
        return PROPS.getProperty("version", "dev");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("/ntk-explorer.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
