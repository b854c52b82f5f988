/** Time that tests control. */
package io.logos.delivery.testkit.time;
