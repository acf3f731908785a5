package com.bizosaas.eventbus.delivery;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which webhook URLs the bus may call. Only http(s) URLs with a host; never link-local addresses
 * (169.254.0.0/16, fe80::/10) or cloud metadata endpoints, which would let a tenant read the
 * platform's credentials (SSRF). Loopback and private ranges stay allowed: receivers usually live
 * in the same private network. Stateless.
 */
public final class WebhookTargets {
    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata", "metadata.azure.com", "instance-data", "fd00:ec2::254");

    private WebhookTargets() {
    }

    /** Validates the URL's form (no DNS look-up: receivers may not resolve from here yet). */
    public static URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new ValidationException("invalid_webhook_url", "webhook_url is not a valid URL: " + url, "webhook_url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ValidationException("invalid_webhook_url",
                    "webhook_url must be an http or https URL; got " + quote(url), "webhook_url");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ValidationException("invalid_webhook_url", "webhook_url has no host: " + url, "webhook_url");
        }
        String host = stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
        if (METADATA_HOSTS.contains(host) || (isIpLiteral(host) && isForbidden(literal(host)))) {
            throw new ValidationException("forbidden_webhook_url",
                    "webhook_url points at a link-local or cloud metadata address, which is refused: " + url,
                    "webhook_url");
        }
        return uri;
    }

    /** Resolves the host and refuses forbidden addresses, so DNS cannot be used to sneak past {@link #check}. */
    public static void checkResolved(URI uri) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(stripBrackets(uri.getHost()))) {
            if (isForbidden(address)) {
                throw new UnknownHostException(uri.getHost() + " resolves to a refused address " + address);
            }
        }
    }

    static boolean isForbidden(InetAddress address) {
        return address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(String host) {
        try {
            // For a literal, getByName parses without any look-up.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ValidationException("invalid_webhook_url", "webhook_url has an invalid address: " + host,
                    "webhook_url");
        }
    }
}
