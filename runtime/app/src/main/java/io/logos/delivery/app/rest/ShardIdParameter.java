package io.logos.delivery.app.rest;

/** The {@code {shardId}} path parameter of nwaku's admin routes: a shard number, 0..65535. */
final class ShardIdParameter {

    static final String NAME = "shardId";

    private ShardIdParameter() {
    }

    /** @throws RestException 400 naming the problem, as nwaku answers */
    static int of(RestRequest request) {
        String text = request.pathParameter(NAME);
        int shard;
        try {
            shard = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RestException.badRequest("Invalid shardId: '" + text + "' is not a number");
        }
        if (shard < 0 || shard > 0xFFFF) {
            throw RestException.badRequest("Invalid shardId: " + shard + " is outside 0..65535");
        }
        return shard;
    }
}
