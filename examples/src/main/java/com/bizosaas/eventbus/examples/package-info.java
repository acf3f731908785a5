/**
 * Example services built on the client SDK, and the demo running the seed's two workflows.
 */
package com.bizosaas.eventbus.examples;
