package io.logos.delivery.app.logging;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One figure of the periodic summary line, read afresh for every line: {@code peers=3}.
 *
 * @param name what the figure counts
 * @param value reads the current value; it runs on the summary's thread and must not block
 */
public record SummaryFigure(String name, Supplier<?> value) {

    public SummaryFigure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
