/**
 * Jazzer fuzz tests of every decoder that reads bytes from peers, one {@code *FuzzTest} class (and
 * one {@code @FuzzTest} method) per decoder, plus {@link io.logos.delivery.libp2p.fuzz.MuxerIsolationTest}.
 *
 * <p><b>How they run.</b> {@code mvn verify} runs them in the surefire execution {@code fuzz}
 * (phase integration-test; see runtime/libp2p/pom.xml) in <i>regression mode</i>: each replays its
 * committed inputs, so the build (and CI) is deterministic. {@code -Dfuzz.mode=1} runs them in
 * <i>fuzzing mode</i> ({@code JAZZER_FUZZ=1}):
 * each class gets a JVM of its own, because Jazzer fuzzes one test per JVM, two JVMs at a time, each
 * first replaying its committed seeds, then fuzzing for {@code fuzz.duration} (default 10 s) with a
 * per-input timeout of {@code fuzz.input.timeout} (10 s) and a heap of {@code fuzz.heap} (512 MiB),
 * so a hang or an unbounded allocation fails the build. They run on the module path like the other
 * tests: Jazzer's jars are not required by the module descriptor, so surefire puts them on the class
 * path (which also avoids the split package of jazzer and jazzer-junit), and Jazzer's agent makes the
 * instrumented module read its runtime.
 * <ul>
 *   <li>{@code mvn verify -pl runtime/libp2p -Dfuzz.mode=1}: fuzz every target for 10 s;</li>
 *   <li>{@code ... -Dfuzz.duration=10m -Dtest=YamuxFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}:
 *       fuzz one target longer;</li>
 *   <li>{@code -Dfuzz.skip}: skip them.</li>
 * </ul>
 * The generated corpus goes to {@code target/fuzz/.cifuzz-corpus}, a failing input to
 * {@code target/fuzz/crash-*} (an input over the per-input timeout ends the JVM, which surefire
 * reports as a crashed fork, and lands in {@code target/fuzz/timeout-*}): copy it into the target's
 * seed directory,
 * {@code src/test/resources/io/logos/delivery/libp2p/fuzz/<Class>Inputs/<method>/}, to keep it
 * as a regression test. The committed seeds are valid encodings written by
 * {@link io.logos.delivery.libp2p.fuzz.SeedCorpus} (run its {@code main} to regenerate them).
 *
 * <p><b>What each target checks</b> besides its own contract (see each class): no undocumented
 * exception type, no exception out of a pipeline, bad input closes the channel, every ByteBuf the
 * code allocated through the channel is released ({@link io.logos.delivery.libp2p.fuzz.FuzzSupport.TrackingAllocator}),
 * and one input allocates at most 64 MiB and takes at most 1 s of CPU (both measured on the fuzzing
 * thread, which runs the EmbeddedChannels); the muxers also must not write more than twice what the
 * peer sent.
 *
 * <p><b>Gossipsub</b> ({@link io.logos.delivery.libp2p.fuzz.PubsubRpcFuzzTest}) is one target for both
 * halves of reading peers' RPCs: a peer's stream through the RPC codec and stream handler (on an
 * EmbeddedChannel), checked against a reference decoder of the frames, and the router those RPCs and
 * RPCs built from fields reach, between heartbeats on a fake clock. The codec, handler and router are
 * package-private; {@link io.logos.delivery.libp2p.fuzz.PubsubFuzzing} reaches them and the router's
 * state by reflection (the tests run inside the module), so no API exists for the fuzzer's sake.
 * Besides the checks above, the router's state must stay within its configured limits after every
 * operation, and what it sends must fit a frame, go to connected peers and stay proportional to what
 * it was sent.
 */
package io.logos.delivery.libp2p.fuzz;
