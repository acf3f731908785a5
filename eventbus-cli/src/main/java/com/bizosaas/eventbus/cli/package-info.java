/**
 * The operators' command line, {@code eventbus}: one picocli command per class, all over the client SDK.
 */
package com.bizosaas.eventbus.cli;
