package io.logos.delivery.libp2p.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's identity key, kept in a file so its peer id survives restarts.
 *
 * <p>The file holds the key's libp2p {@code PrivateKey} protobuf (how libp2p implementations
 * store keys), or, written by hand, nwaku's {@code --nodekey} hex form. A new file is written
 * atomically (temporary file, flush to disk, rename) and readable by its owner only.
 */
public final class NodeKeys {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);
    /** Far above any supported key's protobuf or hex form; guards against reading a wrong file. */
    private static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private NodeKeys() {}

    /**
     * Picks the node key: the nwaku {@code --nodekey} value when given (the file is then neither
     * read nor written), otherwise the key in {@code file}, created as a new secp256k1 key if the
     * file does not exist.
     *
     * @param nodeKeyHex nwaku's {@code --nodekey} value, or empty
     * @throws IllegalArgumentException if {@code nodeKeyHex} is not a valid node key
     * @throws IOException if the file cannot be read or written, or holds no valid key
     */
    public static PrivKey resolve(Optional<String> nodeKeyHex, Path file) throws IOException {
        if (nodeKeyHex.isPresent()) {
            return Keys.secp256k1FromNodeKey(nodeKeyHex.get());
        }
        return loadOrCreate(file, KeyType.SECP256K1);
    }

    /**
     * Reads the key in {@code file}, or, when the file does not exist, generates a key of
     * {@code typeForNewKey} and stores it there (creating missing parent directories).
     *
     * @throws IOException if the file cannot be read or written, or holds no valid key
     */
    public static PrivKey loadOrCreate(Path file, KeyType typeForNewKey) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        PrivKey key = Keys.generate(typeForNewKey);
        store(key, file);
        LOG.info("Generated a new {} node key in {}", typeForNewKey, file);
        return key;
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws IOException if the file cannot be read or holds no valid key
     */
    public static PrivKey load(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("node key file " + file + " is " + Files.size(file)
                    + " bytes, too large for a key (at most " + MAX_FILE_BYTES + ")");
        }
        warnIfReadableByOthers(file);
        byte[] content = Files.readAllBytes(file);
        try {
            return looksLikeHex(content)
                    ? Keys.secp256k1FromNodeKey(new String(content, StandardCharsets.US_ASCII))
                    : Keys.unmarshalPrivateKey(content);
        } catch (IllegalArgumentException e) {
            throw new IOException("node key file " + file + " holds no valid key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code key}'s protobuf form to {@code file} atomically, readable by the owner only
     * where the file system has POSIX permissions. Replaces an existing file.
     */
    public static void store(PrivKey key, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temporary = posix
                ? Files.createTempFile(directory, ".nodekey-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".nodekey-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(key.marshal());
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            moveIntoPlace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A protobuf key starts with the field tag 0x08, never an ASCII hex digit or "0x". */
    private static boolean looksLikeHex(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        return !text.isEmpty() && (text.startsWith("0x") || text.startsWith("0X") || Character.digit(text.charAt(0), 16) >= 0);
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn("Node key file {} is accessible to others ({}); restrict it to its owner (chmod 600)",
                    file, PosixFilePermissions.toString(permissions));
        }
    }
}
