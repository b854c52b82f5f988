package io.logos.delivery.libp2p.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {

    private static final String NODE_KEY = "53dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb";

    @TempDir
    Path directory;

    @Test
    void createsAKeyOnceAndLoadsTheSameKeyAfterwards() throws IOException {
        Path file = directory.resolve("data/keys/nodekey");
        PrivKey first = NodeKeys.loadOrCreate(file, KeyType.SECP256K1);
        PrivKey second = NodeKeys.loadOrCreate(file, KeyType.SECP256K1);
        assertEquals(first, second);
        assertArrayEquals(first.marshal(), Files.readAllBytes(file));
        assertEquals(first, NodeKeys.resolve(Optional.empty(), file));
    }

    @Test
    void newKeyFileIsOwnerOnlyAndNoTemporaryFileRemains() throws IOException {
        Path file = directory.resolve("nodekey");
        NodeKeys.loadOrCreate(file, KeyType.ED25519);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(KeyType.ED25519, NodeKeys.load(file).type());
    }

    @Test
    void nodeKeyValueOverridesTheFileAndLeavesItAlone() throws IOException {
        Path file = directory.resolve("nodekey");
        PrivKey key = NodeKeys.resolve(Optional.of("0x" + NODE_KEY), file);
        assertEquals(Keys.secp256k1FromNodeKey(NODE_KEY), key);
        assertFalse(Files.exists(file));

        PrivKey stored = NodeKeys.loadOrCreate(file, KeyType.SECP256K1);
        assertEquals(key, NodeKeys.resolve(Optional.of(NODE_KEY), file));
        assertEquals(stored, NodeKeys.load(file));
    }

    @Test
    void readsAFileHoldingTheNodeKeyHexForm() throws IOException {
        Path file = directory.resolve("nodekey");
        Files.writeString(file, NODE_KEY + "\n");
        assertEquals(Keys.secp256k1FromNodeKey(NODE_KEY), NodeKeys.load(file));
    }

    @Test
    void rejectsFilesWithoutAValidKeyNamingTheFile() throws IOException {
        Path garbage = directory.resolve("garbage");
        Files.write(garbage, new byte[] {8, 2, 18, 3, 1, 2, 3});
        IOException error = assertThrows(IOException.class, () -> NodeKeys.load(garbage));
        assertTrue(error.getMessage().contains(garbage.toString()) && error.getMessage().contains("holds no valid key"),
                error.getMessage());

        Path huge = directory.resolve("huge");
        Files.write(huge, new byte[4096]);
        assertTrue(assertThrows(IOException.class, () -> NodeKeys.load(huge)).getMessage().contains("too large"));
    }
}
