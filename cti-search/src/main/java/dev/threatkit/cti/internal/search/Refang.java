package dev.threatkit.cti.internal.search;

/** Placeholder replaced by the ioc-tokens branch. */
public final class Refang {
    private Refang() {}

    public static String refang(String text) {
        return text;
    }
}
