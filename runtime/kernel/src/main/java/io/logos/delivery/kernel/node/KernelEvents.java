package io.logos.delivery.kernel.node;

import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.KernelEventListener;
import io.logos.delivery.api.kernel.node.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's own event listeners; a failing listener is logged and does not stop the others. */
final class KernelEvents implements Consumer<KernelEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(KernelEvents.class);

    private final List<KernelEventListener> listeners = new CopyOnWriteArrayList<>();

    Registration add(KernelEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void accept(KernelEvent event) {
        LOG.debug("{}", event);
        for (KernelEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Kernel event listener {} failed on {}", listener, event, e);
            }
        }
    }
}
