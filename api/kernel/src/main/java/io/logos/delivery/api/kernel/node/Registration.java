package io.logos.delivery.api.kernel.node;

/** Undoes a listener registration. Closing twice does nothing. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
