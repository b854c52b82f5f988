package io.logos.delivery.api.messaging;

/** {@link MessagingApi#send} refused an envelope that can never be sent: the message says why. */
public final class InvalidEnvelopeException extends IllegalArgumentException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
