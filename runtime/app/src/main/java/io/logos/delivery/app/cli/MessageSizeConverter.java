package io.logos.delivery.app.cli;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --max-msg-size} in nwaku's syntax (150KiB, 100KB, 2048B). */
final class MessageSizeConverter implements ITypeConverter<MessageSizeLimit> {

    @Override
    public MessageSizeLimit convert(String value) {
        try {
            return MessageSizeLimit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
