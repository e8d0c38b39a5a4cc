package dev.threatkit.cti;

/**
 * The root of every exception this library throws on purpose. It is unchecked: callers catch it where they
 * can do something about it (report a bad file, reject a request) and let it travel otherwise.
 *
 * <p>Programming errors (a null argument, an illegal state) use the JDK's own exceptions instead.
 */
public abstract class CtiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CtiException(String message) {
        super(message);
    }

    protected CtiException(String message, Throwable cause) {
        super(message, cause);
    }
}
