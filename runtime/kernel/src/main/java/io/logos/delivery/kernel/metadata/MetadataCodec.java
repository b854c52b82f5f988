package io.logos.delivery.kernel.metadata;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.kernel.proto.MetadataProtos.WakuMetadata;
import java.util.List;
import java.util.OptionalInt;

/** Request and response share one shape: cluster id (1), shards unpacked (2) and packed (3). */
final class MetadataCodec {

    private MetadataCodec() {
    }

    static byte[] encode(int clusterId, List<Integer> shards) {
        return WakuMetadata.newBuilder().setClusterId(clusterId).addAllShards(shards).addAllShardsPacked(shards)
                .build().toByteArray();
    }

    /** Reads field 3 when present (nwaku), else field 2 in either encoding (the parser takes both). */
    static PeerMetadata decode(byte[] bytes) throws InvalidProtocolBufferException {
        WakuMetadata parsed = WakuMetadata.parseFrom(bytes);
        List<Integer> shards = parsed.getShardsPackedCount() > 0 ? parsed.getShardsPackedList() : parsed.getShardsList();
        return new PeerMetadata(parsed.hasClusterId() ? OptionalInt.of(parsed.getClusterId()) : OptionalInt.empty(),
                shards);
    }
}
