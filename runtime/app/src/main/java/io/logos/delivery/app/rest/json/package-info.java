/**
 * The REST API's JSON bodies, as records whose component names are nwaku's field names. Absent optional
 * fields are {@code null} on input and left out on output.
 */
package io.logos.delivery.app.rest.json;
