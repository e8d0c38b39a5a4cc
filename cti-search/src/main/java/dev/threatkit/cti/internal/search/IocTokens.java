package dev.threatkit.cti.internal.search;

import java.util.function.Consumer;

/** Placeholder replaced by the ioc-tokens branch. */
public final class IocTokens {
    private IocTokens() {}

    public static void extract(String text, Consumer<String> out) {}

    public static boolean looksLikeIoc(String token) {
        return false;
    }
}
