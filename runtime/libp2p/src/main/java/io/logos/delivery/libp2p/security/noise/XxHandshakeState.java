package io.logos.delivery.libp2p.security.noise;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Noise spec's HandshakeState for the XX pattern, Noise_XX_25519_ChaChaPoly_SHA256:
 *
 * <pre>
 *   -&gt; e
 *   &lt;- e, ee, s, es
 *   -&gt; s, se
 * </pre>
 *
 * Not thread-safe; one per handshake.
 */
final class XxHandshakeState {

    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";

    enum Role { INITIATOR, RESPONDER }

    private enum Token { E, S, EE, ES, SE }

    private static final List<List<Token>> MESSAGE_PATTERNS = List.of(
            List.of(Token.E),
            List.of(Token.E, Token.EE, Token.S, Token.ES),
            List.of(Token.S, Token.SE));

    private final Role role;
    private final SymmetricState symmetric = new SymmetricState(PROTOCOL_NAME);
    private final X25519KeyPair staticKey;
    private final Supplier<X25519KeyPair> ephemeralKeys;
    private X25519KeyPair ephemeral;
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    private int messageIndex;

    /**
     * Initialize(): XX has no pre-messages, so only the prologue is mixed in.
     *
     * @param ephemeralKeys supplies this party's ephemeral key when its first message is written
     */
    XxHandshakeState(Role role, byte[] prologue, X25519KeyPair staticKey, Supplier<X25519KeyPair> ephemeralKeys) {
        this.role = role;
        this.staticKey = staticKey;
        this.ephemeralKeys = ephemeralKeys;
        symmetric.mixHash(prologue);
    }

    /** WriteMessage(payload): this party's next handshake message. */
    byte[] writeMessage(byte[] payload) throws NoiseException {
        checkTurn(true);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (Token token : MESSAGE_PATTERNS.get(messageIndex)) {
            switch (token) {
                case E -> {
                    ephemeral = ephemeralKeys.get();
                    byte[] publicKey = ephemeral.publicKey();
                    message.writeBytes(publicKey);
                    symmetric.mixHash(publicKey);
                }
                case S -> message.writeBytes(symmetric.encryptAndHash(staticKey.publicKey()));
                default -> mixDh(token);
            }
        }
        message.writeBytes(symmetric.encryptAndHash(payload));
        messageIndex++;
        return message.toByteArray();
    }

    /**
     * ReadMessage(message): consumes the remote party's next handshake message.
     *
     * @return the message's payload
     * @throws NoiseException if the message is too short or fails authentication
     */
    byte[] readMessage(byte[] message) throws NoiseException {
        checkTurn(false);
        ByteBuffer in = ByteBuffer.wrap(message);
        for (Token token : MESSAGE_PATTERNS.get(messageIndex)) {
            switch (token) {
                case E -> {
                    remoteEphemeral = take(in, X25519KeyPair.KEY_BYTES, "ephemeral key");
                    symmetric.mixHash(remoteEphemeral);
                }
                case S -> {
                    int length = X25519KeyPair.KEY_BYTES + (symmetric.hasKey() ? CipherState.TAG_BYTES : 0);
                    remoteStatic = symmetric.decryptAndHash(take(in, length, "static key"));
                }
                default -> mixDh(token);
            }
        }
        byte[] payload = symmetric.decryptAndHash(take(in, in.remaining(), "payload"));
        messageIndex++;
        return payload;
    }

    private void mixDh(Token token) throws NoiseException {
        boolean initiator = role == Role.INITIATOR;
        byte[] shared = switch (token) {
            case EE -> ephemeral.dh(remoteEphemeral);
            case ES -> initiator ? ephemeral.dh(remoteStatic) : staticKey.dh(remoteEphemeral);
            case SE -> initiator ? staticKey.dh(remoteEphemeral) : ephemeral.dh(remoteStatic);
            default -> throw new IllegalStateException(token + " is not a DH token");
        };
        symmetric.mixKey(shared);
    }

    private byte[] take(ByteBuffer in, int length, String what) throws NoiseException {
        if (in.remaining() < length) {
            throw new NoiseException("Noise handshake message " + (messageIndex + 1) + " ends inside its "
                    + what + " (" + in.remaining() + " of " + length + " bytes)");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private void checkTurn(boolean writing) {
        if (isComplete()) {
            throw new IllegalStateException("the Noise handshake is already complete");
        }
        boolean initiatorsTurn = messageIndex % 2 == 0;
        if (writing != (initiatorsTurn == (role == Role.INITIATOR))) {
            throw new IllegalStateException("it is not the " + role + "'s turn to " + (writing ? "write" : "read")
                    + " handshake message " + (messageIndex + 1));
        }
    }

    boolean isComplete() {
        return messageIndex == MESSAGE_PATTERNS.size();
    }

    /** The remote party's static key, known once its {@code s} token has been read. */
    byte[] remoteStaticKey() {
        return remoteStatic.clone();
    }

    byte[] handshakeHash() {
        return symmetric.handshakeHash();
    }

    /** Split(): this party's transport ciphers; only once the handshake is complete. */
    TransportCiphers split() {
        if (!isComplete()) {
            throw new IllegalStateException("the Noise handshake is not complete");
        }
        CipherState[] ciphers = symmetric.split();
        return role == Role.INITIATOR
                ? new TransportCiphers(ciphers[0], ciphers[1])
                : new TransportCiphers(ciphers[1], ciphers[0]);
    }
}
