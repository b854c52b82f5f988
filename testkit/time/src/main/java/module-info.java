/** Time that tests control: {@code MutableClock}, and bounded waits on conditions ({@code Eventually}), for the tests of every layer and of plugins. */
module io.logos.delivery.testkit.time {
    exports io.logos.delivery.testkit.time;
}
