/**
 * What the request/response services (light push, store) and their clients share: admission while stopping,
 * timed reads, request ids, unwrapping failures of future chains. Internal to the kernel.
 */
package io.logos.delivery.kernel.service;
