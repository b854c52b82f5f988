package io.logos.delivery.kernel.lightpush;

/** The protocol ids of light push, as announced in identify and negotiated with multistream-select. */
public final class LightpushProtocols {

    /** Light push v3: status codes, optional pubsub topic (autosharding). */
    public static final String V3 = "/vac/waku/lightpush/3.0.0";

    /** The deprecated legacy protocol (19/WAKU2-LIGHTPUSH): success flag and info text, pubsub topic required. */
    public static final String LEGACY = "/vac/waku/lightpush/2.0.0-beta1";

    private LightpushProtocols() {
    }
}
