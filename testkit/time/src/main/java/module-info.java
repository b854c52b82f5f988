/** Time that tests control: {@code MutableClock}, for the tests of every layer and of plugins. */
module io.logos.delivery.testkit.time {
    exports io.logos.delivery.testkit.time;
}
