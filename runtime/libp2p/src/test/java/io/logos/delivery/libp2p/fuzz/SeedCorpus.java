package io.logos.delivery.libp2p.fuzz;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiformats.BaseX;
import io.logos.delivery.libp2p.multiformats.Multibase;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.protocol.identify.pb.Identify;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes the committed seed corpora: a few valid encodings per target, in each target's input
 * format. Run from runtime/libp2p with the test class path:
 * {@code java -cp target/test-classes:target/classes:<dependencies> io.logos.delivery.libp2p.fuzz.SeedCorpus src/test/resources}.
 */
final class SeedCorpus {

    private static Path root;

    public static void main(String[] args) throws IOException {
        root = Path.of(args[0]).resolve("io/logos/delivery/libp2p/fuzz");
        PrivKey ed = NoiseFuzzing.REMOTE_ED25519;
        PrivKey secp = NoiseFuzzing.REMOTE_SECP256K1;
        PeerId edPeer = PeerId.fromPublicKey(ed.publicKey());
        PeerId secpPeer = PeerId.fromPublicKey(secp.publicKey());
        PeerId hashed = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");

        String target = "VarintFuzzTest";
        String method = "readsAValueAsIncompleteOrRejectsIt";
        seed(target, method, "zero", bytes(8, 0x00));
        seed(target, method, "one-byte-max", bytes(8, 0x7f));
        seed(target, method, "300", cat(bytes(8), Varint.encode(300)));
        seed(target, method, "63-bits", cat(bytes(8), Varint.encode(Long.MAX_VALUE)));
        seed(target, method, "two-byte-limit", cat(bytes(1), Varint.encode(1 << 14)));
        seed(target, method, "incomplete", bytes(8, 0x80, 0x80));

        target = "MultibaseFuzzTest";
        method = "decodesCanonicalTextOrRejectsIt";
        seed(target, method, "cid-base32", cat(bytes(0), utf8(edPeer.toCidString())));
        seed(target, method, "cid-base58", cat(bytes(0), utf8("z" + BaseX.BASE58_BTC.encode(Multibase.decode(edPeer.toCidString())))));
        seed(target, method, "cid-base36", cat(bytes(0), utf8("k" + BaseX.BASE36.encode(Multibase.decode(secpPeer.toCidString())))));
        seed(target, method, "cid-base16", cat(bytes(0), utf8("f" + HexFormat.of().formatHex(Multibase.decode(secpPeer.toCidString())))));
        seed(target, method, "base58", cat(bytes(1), utf8(secpPeer.toBase58())));
        seed(target, method, "base36", cat(bytes(2), utf8("0az09")));
        seed(target, method, "base32", cat(bytes(3), utf8(edPeer.toCidString().substring(1))));
        seed(target, method, "encode-base58", cat(bytes(4), new byte[] {0, 0, 1, 2, (byte) 255}));
        seed(target, method, "encode-base32", cat(bytes(6), edPeer.toBytes()));

        target = "MultiaddrFuzzTest";
        method = "parsesAValidAddressOrRejectsIt";
        String[] addresses = {
            "/ip4/127.0.0.1/tcp/60000",
            "/ip6/::1/tcp/443/wss",
            "/ip6/2001:db8::ff00:42:8329/udp/4001/quic-v1",
            "/dns4/node-01.example.org/tcp/443/wss/p2p/" + secpPeer,
            "/dnsaddr/bootstrap.libp2p.io/p2p/" + hashed,
            "/ip4/10.0.0.1/tcp/4001/p2p/" + edPeer + "/p2p-circuit/p2p/" + secpPeer,
            "/dns6/example.com/tcp/30303/tls/ws",
        };
        for (int i = 0; i < addresses.length; i++) {
            Multiaddr address = Multiaddr.parse(addresses[i]);
            seed(target, method, "binary-" + i, cat(bytes(0), address.toBytes()));
            seed(target, method, "text-" + i, cat(bytes(1), utf8(addresses[i])));
        }
        seed(target, method, "text-legacy-ipfs", cat(bytes(1), utf8("/ip4/1.2.3.4/tcp/1/ipfs/" + hashed + "/")));
        seed(target, method, "text-ip4-in-ip6", cat(bytes(1), utf8("/ip6/::ffff:1.2.3.4/tcp/1")));

        target = "PeerIdFuzzTest";
        method = "parsesAValidPeerIdOrRejectsIt";
        seed(target, method, "ed25519-binary", cat(bytes(0), edPeer.toBytes()));
        seed(target, method, "secp256k1-binary", cat(bytes(0), secpPeer.toBytes()));
        seed(target, method, "sha256-binary", cat(bytes(0), hashed.toBytes()));
        seed(target, method, "ed25519-base58", cat(bytes(1), utf8(edPeer.toBase58())));
        seed(target, method, "secp256k1-cid", cat(bytes(1), utf8(secpPeer.toCidString())));
        seed(target, method, "sha256-base58", cat(bytes(1), utf8(hashed.toBase58())));

        target = "KeysFuzzTest";
        method = "decodesAValidKeyOrRejectsIt";
        seed(target, method, "public-ed25519", cat(bytes(0), ed.publicKey().marshal()));
        seed(target, method, "public-secp256k1", cat(bytes(0), secp.publicKey().marshal()));
        seed(target, method, "private-ed25519", cat(bytes(1), ed.marshal()));
        seed(target, method, "private-secp256k1", cat(bytes(1), secp.marshal()));
        seed(target, method, "node-key", cat(bytes(2), utf8("0x" + HexFormat.of().formatHex(secp.raw()))));
        byte[] message = "noise-libp2p-static-key:fuzz".getBytes(StandardCharsets.UTF_8);
        seed(target, method, "der-signature", cat(bytes(3), Keys.generate(KeyType.SECP256K1, KeysFuzzTest.seeded(9)).sign(message)));
        seed(target, method, "ed25519-signature", cat(bytes(4), ed.sign(message)));

        target = "MultistreamFuzzTest";
        method = "negotiatesOrFailsTheChannel";
        seed(target, method, "responder-accepts", cat(bytes(0, 0), lines("/multistream/1.0.0", "/yamux/1.0.0"), utf8("early")));
        seed(target, method, "responder-na-then-accepts", cat(bytes(0, 3), lines("/multistream/1.0.0", "/tls/1.0.0", "/noise")));
        seed(target, method, "responder-ls", cat(bytes(0, 1), lines("/multistream/1.0.0", "ls", "/mplex/6.7.0")));
        seed(target, method, "responder-js-packed", cat(bytes(0, 0), lines("/multistream/1.0.0\n/yamux/1.0.0")));
        seed(target, method, "initiator-accepted", cat(bytes(1, 0), lines("/multistream/1.0.0", "/yamux/1.0.0"), utf8("early")));
        seed(target, method, "initiator-na", cat(bytes(1, 2), lines("/multistream/1.0.0", "na", "/mplex/6.7.0")));
        seed(target, method, "responder-half-closed", cat(bytes(0x80, 0), lines("/multistream/1.0.0")));
        seed(target, method, "initiator-refused", cat(bytes(1, 0), lines("/multistream/1.0.0", "na", "na")));
        byte[] list = cat(lines("/noise", "/yamux/1.0.0"), utf8("\n"));
        seed(target, method, "lister", cat(bytes(2, 0), lines("/multistream/1.0.0"), Varint.encode(list.length), list));

        target = "NoiseHandshakeFuzzTest";
        method = "authenticatesExactlyTheValidHandshakes";
        byte[] ephemeral = NoiseXxPeer.publicKey(filled(32, 5));
        seed(target, method, "raw-message-1", cat(bytes(0, 0), NoiseFuzzing.frame(ephemeral)));
        seed(target, method, "raw-message-2", cat(bytes(1, 7), NoiseFuzzing.frame(cat(ephemeral, filled(48 + 16 + 40, 3)))));
        FuzzInput.Builder responder = new FuzzInput.Builder().u8(2).u8(1).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(0).u8(0) // no key replaced
                .u8(0) // valid Ed25519 payload
                .u8(0).u16(0) // not tampered
                .u8(0); // one read
        seed(target, method, "responder-valid", responder.build());
        seed(target, method, "responder-valid-secp256k1", new FuzzInput.Builder().u8(2).u8(2).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(0).u8(0).u8(1 | 64).u8(1).chunk(utf8("/yamux/1.0.0")).chunk(new byte[0]).u8(0).u16(0).u8(5).build());
        seed(target, method, "responder-wrong-peer", new FuzzInput.Builder().u8(2).u8(2).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(0).u8(0).u8(0).u8(0).u16(0).u8(0).build());
        seed(target, method, "responder-tampered", new FuzzInput.Builder().u8(2).u8(0).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(0).u8(0).u8(0).u8(1).u16(40).u8(0).build());
        seed(target, method, "responder-bad-signature", new FuzzInput.Builder().u8(2).u8(0).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(0).u8(0).u8(16 | 32).u8(0).u16(0).u8(0).build());
        seed(target, method, "responder-low-order-ephemeral", new FuzzInput.Builder().u8(2).u8(0).bytes(filled(32, 1)).bytes(filled(32, 2))
                .u8(1).bytes(new byte[32]).u8(0).u8(0).u8(0).u16(0).u8(0).build());
        seed(target, method, "initiator-valid-with-early-data", new FuzzInput.Builder().u8(3).bytes(filled(32, 3)).bytes(filled(32, 4))
                .u8(0).chunk(new byte[0]).u8(0) // message 1
                .u8(0).u8(0).u8(0).u16(0) // message 3: real keys, valid payload, not tampered
                .u8(1).chunk(utf8("early data")).u8(0).build());
        seed(target, method, "initiator-raw-payload", new FuzzInput.Builder().u8(3).bytes(filled(32, 3)).bytes(filled(32, 4))
                .u8(0).chunk(new byte[0]).u8(0)
                .u8(0).u8(0x80).chunk(bytes(0x0a, 0x02, 0x08, 0x01)).u8(0).u16(0)
                .u8(0).u8(3).build());

        target = "NoiseTransportFuzzTest";
        method = "passesOnExactlyTheAuthenticFrames";
        seed(target, method, "frames", new FuzzInput.Builder()
                .u8(0).chunk(utf8("hello")) // a frame
                .u8(4).chunk(utf8("split frame")).u16(7) // a frame in two reads
                .u8(5).u8(2) // two empty frames
                .u8(3).u8(0).u8(70).u8(9) // a 70 KiB write, three frames
                .u8(0).chunk(utf8("bye")).build());
        seed(target, method, "tampered", new FuzzInput.Builder()
                .u8(0).chunk(utf8("hello")).u8(2).chunk(utf8("tampered")).u8(1).u16(3).u8(0).chunk(utf8("lost")).build());
        seed(target, method, "raw", new FuzzInput.Builder().u8(1).chunk(bytes(0, 20, 1, 2, 3)).u8(0).chunk(utf8("x")).build());

        target = "YamuxFuzzTest";
        method = "failsTheConnectionCleanlyOrKeepsServing";
        // frame operation: version, type, flags, small id, payload kind, then the payload or the length
        seed(target, method, "stream-lifecycle", new FuzzInput.Builder().u8(0 | 8).u8(0)
                .u8(1).u8(0).u8(1).u8(1).u8(0).u8(3).u8(2).u32(0) // SYN on stream 3 (window update)
                .u8(1).u8(0).u8(0).u8(0).u8(0).u8(3).u8(0).chunk(utf8("hello")) // data
                .u8(2).u8(0).u8(0).u8(0).u8(0).u8(3).u8(0).chunk(utf8("split data")).u16(5) // data in two reads
                .u8(1).u8(0).u8(1).u8(0).u8(0).u8(3).u8(2).u32(65536) // window update
                .u8(1).u8(0).u8(1).u8(4).u8(0).u8(3).u8(2).u32(0) // FIN
                .u8(1).u8(0).u8(2).u8(1).u8(0).u8(0).u8(2).u32(42) // ping
                .u8(3).u8(0) // open a stream here
                .u8(3).u8(1).u8(0).chunk(utf8("from here"))
                .u8(1).u8(0).u8(0).u8(2).u8(0).u8(2).u8(0).chunk(utf8("ack")) // ACK with data on our stream 2
                .u8(1).u8(0).u8(1).u8(8).u8(0).u8(3).u8(2).u32(0) // RST
                .u8(4) // ping from here
                .u8(1).u8(0).u8(3).u8(0).u8(0).u8(0).u8(2).u32(0) // normal go-away
                .build());
        seed(target, method, "window-exceeded", new FuzzInput.Builder().u8(1).u8(5)
                .u8(1).u8(0).u8(1).u8(1).u8(0).u8(2).u8(2).u32(0)
                .u8(1).u8(0).u8(0).u8(0).u8(0).u8(2).u8(1).u16(40000) // 200 KB
                .u8(1).u8(0).u8(0).u8(0).u8(0).u8(2).u8(1).u16(40000) // and 200 KB more
                .build());
        seed(target, method, "lying-length", new FuzzInput.Builder().u8(0).u8(0)
                .u8(1).u8(0).u8(0).u8(1).u8(0).u8(1).u8(2).u32(0xFFFF_FFFFL).build());
        seed(target, method, "bad-version", new FuzzInput.Builder().u8(0).u8(0).u8(1).u8(255).u8(1).u8(1).u8(0).u8(0).u8(3).u8(2).u32(0).build());

        target = "MplexFuzzTest";
        method = "failsTheConnectionCleanlyOrKeepsServing";
        // frame operation: small id, flag, payload kind (0: given, 1: oversized, 2: lying, 3: malformed)
        seed(target, method, "stream-lifecycle", new FuzzInput.Builder().u8(0).u8(0)
                .u8(1).u8(0).u8(3).u8(0).u8(0).chunk(utf8("3")) // NewStream 3
                .u8(1).u8(0).u8(3).u8(2).u8(0).chunk(utf8("hello")) // MessageInitiator
                .u8(2).u8(0).u8(3).u8(2).u8(0).chunk(utf8("split hello")).u16(3)
                .u8(3).u8(0) // open a stream here
                .u8(3).u8(1).u8(0).chunk(utf8("from here"))
                .u8(1).u8(0).u8(0).u8(1).u8(0).chunk(utf8("answer")) // MessageReceiver on our stream 0
                .u8(1).u8(0).u8(3).u8(4).u8(0).chunk(new byte[0]) // CloseInitiator
                .u8(1).u8(0).u8(0).u8(5).u8(0).chunk(new byte[0]) // ResetReceiver
                .build());
        seed(target, method, "oversized", new FuzzInput.Builder().u8(1).u8(1)
                .u8(1).u8(0).u8(1).u8(0).u8(0).chunk(new byte[0])
                .u8(1).u8(0).u8(1).u8(2).u8(1).u16(500)
                .build());
        seed(target, method, "reader-behind", new FuzzInput.Builder().u8(0).u8(5)
                .u8(1).u8(0).u8(1).u8(0).u8(0).chunk(new byte[0])
                .u8(1).u8(0).u8(1).u8(2).u8(0).chunk(filled(1000, 1))
                .u8(1).u8(0).u8(1).u8(2).u8(0).chunk(filled(1000, 2))
                .u8(1).u8(0).u8(1).u8(2).u8(0).chunk(filled(1000, 3))
                .build());
        seed(target, method, "malformed", new FuzzInput.Builder().u8(0).u8(0).u8(1).u8(0).u8(1).u8(2).u8(3).chunk(new byte[0]).build());

        target = "IdentifyFuzzTest";
        method = "readsAMessageOrFailsTheStream";
        byte[] identify = Identify.newBuilder()
                .setProtocolVersion("ipfs/0.1.0")
                .setAgentVersion("nwaku/v0.36.0")
                .setPublicKey(ByteString.copyFrom(secp.publicKey().marshal()))
                .addListenAddrs(ByteString.copyFrom(Multiaddr.parse("/ip4/192.0.2.1/tcp/60000").toBytes()))
                .addListenAddrs(ByteString.copyFrom(Multiaddr.parse("/dns4/node.example/tcp/443/wss").toBytes()))
                .addListenAddrs(ByteString.copyFrom(new byte[] {(byte) 0xa5, 0x03, 1})) // unreadable, skipped
                .setObservedAddr(ByteString.copyFrom(Multiaddr.parse("/ip6/2001:db8::1/tcp/4001").toBytes()))
                .addProtocols("/ipfs/id/1.0.0").addProtocols("/vac/waku/relay/2.0.0").addProtocols("/ipfs/ping/1.0.0")
                .setSignedPeerRecord(ByteString.copyFrom(new byte[8]))
                .build().toByteArray();
        seed(target, method, "message", cat(bytes(1, 0), identify));
        seed(target, method, "stream", cat(bytes(0, 13), Varint.encode(identify.length), identify));
        seed(target, method, "half-closed-early", cat(bytes(2, 0), Varint.encode(identify.length), java.util.Arrays.copyOf(identify, identify.length / 2)));
        seed(target, method, "minimal", bytes(1, 0));

        pubsubSeeds();
    }

    /**
     * {@link PubsubRpcFuzzTest}: setup (configuration, stream, random seed, six peers), then operations;
     * an RPC as {@code PubsubRpcFuzzTest.Harness.rpc()} reads it (parts, then counts and entries).
     */
    private static void pubsubSeeds() throws IOException {
        String target = "PubsubRpcFuzzTest";
        String method = "routesPeerRpcsWithinBounds";

        FuzzInput.Builder mesh = pubsub(0x01, 0, 0, 0, 0, 0, 0, 0)
                .u8(1).u8(1).u8(2).u8(2).u8(0).u8(2).u8(2).u16(0); // the stream's peer subscribes to "a" and the Waku topic
        for (int peer = 1; peer < 6; peer++) {
            mesh.u8(2).u8(peer).u8(1).u8(1).u8(2).u8(0); // the others subscribe to "a"
        }
        mesh.u8(3) // heartbeat: the mesh forms
                .u8(1).u8(2).u8(1).u8(0).u8(0).u8(5).bytes(utf8("hello")).u16(3) // a message, in two reads
                .u8(2).u8(2).u8(4).u8(3) // peer 2: IHAVE and IWANT
                .u8(1).u8(0).u8(2).u8(0).u8(128 + 32).bytes(filled(32, 7)) // IHAVE "a": "hello" and an unknown id
                .u8(1).u8(1).u8(0) // IWANT "hello"
                .u8(3)
                .u8(5).u8(0).u8(0).u8(3).bytes(utf8("own")) // we publish to "a"
                .u8(3).u8(3).u8(3).u8(0x87); // heartbeats, the last with score decay
        seed(target, method, "mesh-and-gossip", mesh.build());

        FuzzInput.Builder control = pubsub(0x22, 0, 0, 0, 0, 0, 0, 0);
        for (int peer = 0; peer < 6; peer++) {
            control.u8(2).u8(peer).u8(1).u8(1).u8(2).u8(0);
        }
        control.u8(3)
                .u8(2).u8(3).u8(4).u8(4 | 8 | 16) // peer 3: GRAFT, PRUNE, IDONTWANT
                .u8(3).u8(0).u8(0).u8(0) // three GRAFTs of "a"
                .u8(1).u8(0).u8(1 | 4 << 2).u16(60) // PRUNE "a", backoff 60 s, four peers:
                .u8(1).u8(6).u8(7).u8(3).bytes(bytes(1, 2, 3)).u8(8 | 16).u8(4).bytes(bytes(9, 9, 9, 9)) // a peer, us, garbage, a stranger with a record
                .u8(1).u8(2).u8(128 + 32).bytes(filled(32, 1)).u8(128 + 50).bytes(filled(50, 2)) // IDONTWANT, one id too long
                .u8(2).u8(4).u8(4).u8(8).u8(1).u8(2).u8(2).u32(0xFFFF_FFFFL).u32(0xFFFF_FFFFL) // PRUNE with a uint64 backoff
                .u8(3)
                .u8(2).u8(3).u8(4).u8(4).u8(1).u8(0) // GRAFT while backed off
                .u8(4).u16(200) // 20 s pass
                .u8(0x87)
                .u8(2).u8(5).u8(1).u8(1).u8(0).u8(0); // peer 5 unsubscribes
        seed(target, method, "control", control.build());

        FuzzInput.Builder messages = pubsub(0x01, 0, 0, 0, 0, 0, 0, 0);
        for (int peer = 1; peer < 3; peer++) {
            messages.u8(2).u8(peer).u8(1).u8(2).u8(2).u8(0).u8(2).u8(1);
        }
        messages.u8(3)
                .u8(2).u8(1).u8(2).u8(3) // peer 1 sends three messages:
                .u8(15).u8(38).bytes(filled(38, 3)).bytes(filled(8, 4)).u8(64).bytes(filled(64, 5)).u8(36).bytes(filled(36, 6))
                .u8(0).u8(4).bytes(utf8("sign")) // with every authorship field (StrictNoSign rejects it)
                .u8(2 << 5).u8(0).u16(600).u8('A') // a large one (IDONTWANT)
                .u8(0).u8(1).u8(5).bytes(utf8("async")) // one validated asynchronously
                .u8(8).u8(0) // the validation accepts it
                .u8(2).u8(2).u8(2).u8(1).u8(1 << 5).u8(0).u8(1) // peer 2 repeats the large one
                .u8(2).u8(2).u8(2).u8(1).u8(0).u8(0).u8(2).bytes(bytes(0, 9)) // an invalid message
                .u8(3).u8(3);
        seed(target, method, "messages", messages.build());

        byte[] subscribe = RpcProto.RPC.newBuilder()
                .addSubscriptions(RpcProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid("a")).build().toByteArray();
        seed(target, method, "broken-frames", pubsub(0x10, 0, 0, 0, 0, 0, 0, 0)
                .u8(0).chunk(cat(Varint.encode(subscribe.length), subscribe)) // a valid frame
                .u8(0).chunk(bytes(0x80, 0x00)) // a length not minimally encoded
                .u8(0).chunk(Varint.encode(2000)) // a frame above the limit
                .u8(0).chunk(bytes(3, 0xFF, 0xFF, 0xFF)) // a malformed RPC
                .u8(0).chunk(filled(9, 0xFF)) // a length of more than 9 bytes
                .u8(0).chunk(bytes(5, 0x0a)).u8(10) // half-closed inside a frame
                .build());
        seed(target, method, "backpressure", pubsub(0x00, QUEUED_STREAM, 0, 0, 0, 0, 0, 0)
                .u8(0).chunk(new byte[70]) // 70 empty RPCs wait for the router
                .u8(9).u8(10).u8(9).u8(0) // they run
                .u8(0).chunk(new byte[80]).u8(11)
                .build());
        seed(target, method, "refused", pubsub(0x00, REJECTING_STREAM, 0, 0, 0, 0, 0, 0)
                .u8(0).chunk(cat(Varint.encode(subscribe.length), subscribe, bytes(4)))
                .build());
        seed(target, method, "outbound-half-closed", pubsub(0x00, OUTBOUND_STREAM, 0, 0, 0, 0, 0, 0)
                .u8(1).u8(1).u8(1).u8(2).u8(0).u16(0).u8(10)
                .u8(1).u8(4).u8(4).u8(1).u8(1).u16(1)
                .build());
        // peers on other protocols, inbound, sharing an address; one not connected
        seed(target, method, "graylist-and-churn", pubsub(0x69, 0, 0x00, 0x12, 0x1C, 0x26, 0x01, 0x00)
                .u8(2).u8(1).u8(1).u8(1).u8(2).u8(0)
                .u8(2).u8(2).u8(1).u8(1).u8(2).u8(0)
                .u8(2).u8(3).u8(1).u8(1).u8(2).u8(0)
                .u8(3)
                .u8(2).u8(1).u8(2).u8(3) // peer 1: three invalid messages
                .u8(0).u8(0).u8(2).bytes(bytes(0, 1))
                .u8(0).u8(0).u8(2).bytes(bytes(0, 2))
                .u8(0).u8(0).u8(2).bytes(bytes(0, 3))
                .u8(3)
                .u8(7).u8(4).u8(0x0A) // peer 4 connects
                .u8(7).u8(1).u8(0) // peer 1 leaves
                .u8(7).u8(1).u8(0x12) // and comes back
                .u8(6).u8(3) // we join "c"
                .u8(5).u8(4).u8(0).u8(2).bytes(utf8("px")) // and publish to "x" (fanout)
                .u8(3).u8(3).u8(3)
                .build());
    }

    private static final int QUEUED_STREAM = 1;
    private static final int REJECTING_STREAM = 2;
    private static final int OUTBOUND_STREAM = 4;

    private static FuzzInput.Builder pubsub(int config, int stream, int... peers) {
        FuzzInput.Builder setup = new FuzzInput.Builder().u8(config).u8(stream).u8(7);
        for (int peer : peers) {
            setup.u8(peer);
        }
        return setup;
    }

    private static void seed(String target, String method, String name, byte[] input) throws IOException {
        Path directory = root.resolve(target + "Inputs").resolve(method);
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), input);
    }

    private static byte[] lines(String... texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String text : texts) {
            byte[] line = utf8(text + "\n");
            out.writeBytes(Varint.encode(line.length));
            out.writeBytes(line);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        return NoiseFuzzing.concat(parts);
    }
}
