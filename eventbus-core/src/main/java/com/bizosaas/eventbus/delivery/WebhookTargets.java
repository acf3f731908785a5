package com.bizosaas.eventbus.delivery;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which webhook URLs the bus may call. Only http(s) URLs with a host; never an address on which a
 * cloud provider serves instance metadata or credentials, which would let a tenant read the
 * platform's secrets (SSRF): the link-local ranges (169.254.0.0/16, fe80::/10), the unspecified
 * and multicast addresses, {@link #METADATA_ADDRESSES} and {@link #METADATA_HOSTS}. An IPv6 address
 * that embeds one of these IPv4 addresses (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96})
 * is refused too. Loopback and private ranges stay allowed unless {@code denyPrivate} is asked for
 * ({@code EVENTBUS_WEBHOOK_DENY_PRIVATE}, recommended in production, where tenants' receivers are on
 * the internet and the bus's own network must stay out of reach): then {@link #PRIVATE_RANGES} are
 * refused as well, after DNS resolution. Stateless.
 */
public final class WebhookTargets {
    /**
     * Metadata and host-agent addresses outside the link-local ranges. The link-local ones need no
     * entry: 169.254.169.254 (AWS, Google Cloud, Azure, Oracle Cloud, DigitalOcean, OpenStack,
     * Hetzner, IBM Cloud, Huawei Cloud), 169.254.170.2 (AWS ECS task credentials) and 169.254.0.23
     * (Tencent Cloud) are all in 169.254.0.0/16.
     */
    public static final List<String> METADATA_ADDRESSES = List.of(
            "100.100.100.200", // Alibaba Cloud ECS metadata
            "192.0.0.192",     // Oracle Cloud Infrastructure Classic metadata
            "168.63.129.16",   // Azure WireServer (VM agent, extension settings)
            "fd00:ec2::254",   // AWS EC2 instance metadata over IPv6 (Nitro)
            "fd20:ce::254");   // Google Cloud metadata server on IPv6 instances

    /** What {@code denyPrivate} refuses besides the above: loopback and the private and shared ranges. */
    public static final List<String> PRIVATE_RANGES = List.of(
            "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");

    /** Host names that name a metadata service, refused before any look-up. */
    public static final List<String> METADATA_HOSTS = List.of(
            "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.com",
            "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com");

    private static final Set<InetAddress> REFUSED_ADDRESSES = Set.copyOf(METADATA_ADDRESSES.stream()
            .map(WebhookTargets::parseLiteral).toList());
    private static final Set<String> REFUSED_HOSTS = Set.copyOf(METADATA_HOSTS);
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] IPV4_COMPATIBLE_PREFIX = new byte[12];

    /** Resolves a host name to its addresses; {@link #SYSTEM} asks the JVM's resolver. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private WebhookTargets() {
    }

    /** Validates the URL's form (no DNS look-up: receivers may not resolve from here yet). */
    public static URI check(String url) {
        return check(url, false);
    }

    /**
     * Validates a new subscription's URL: its form and, with {@code denyPrivate}, the addresses its
     * host resolves to now. A host that does not resolve yet passes; each delivery checks again.
     *
     * @throws ValidationException {@code forbidden_webhook_url} for a refused address
     */
    public static URI checkSubscription(String url, boolean denyPrivate, Resolver resolver) {
        URI uri = check(url, denyPrivate);
        if (denyPrivate) {
            try {
                checkResolved(uri, resolver, true);
            } catch (UnknownHostException notYetResolvable) {
                // checked again before every delivery
            }
        }
        return uri;
    }

    private static URI check(String url, boolean denyPrivate) {
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
        if (REFUSED_HOSTS.contains(trailingDotRemoved(host))
                || (isIpLiteral(host) && isForbidden(literal(host), denyPrivate))) {
            throw refused("webhook_url points at " + refusedKind(denyPrivate) + ", which is refused: " + url);
        }
        return uri;
    }

    /** Resolves the host and refuses forbidden addresses, so DNS cannot be used to sneak past {@link #check}. */
    public static void checkResolved(URI uri) throws UnknownHostException {
        checkResolved(uri, Resolver.SYSTEM, false);
    }

    /**
     * {@link #checkResolved(URI)} with the given resolver, refusing {@link #PRIVATE_RANGES} too with
     * {@code denyPrivate}. Every address the host resolves to must pass, since the connection may use any.
     *
     * @throws ValidationException {@code forbidden_webhook_url} when one of them is refused
     * @throws UnknownHostException when the host does not resolve
     */
    public static void checkResolved(URI uri, Resolver resolver, boolean denyPrivate) throws UnknownHostException {
        for (InetAddress address : resolver.resolve(stripBrackets(uri.getHost()))) {
            if (isForbidden(address, denyPrivate)) {
                throw refused("webhook_url host " + uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", " + refusedKind(denyPrivate) + ", which is refused");
            }
        }
    }

    static boolean isForbidden(InetAddress address, boolean denyPrivate) {
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return isForbidden(embedded, denyPrivate);
        }
        return address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                || REFUSED_ADDRESSES.contains(address) || (denyPrivate && isPrivate(address));
    }

    /** Loopback, 10/8, 172.16/12, 192.168/16 (the JVM's site-local), CGNAT 100.64/10 and unique local fc00::/7. */
    private static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean sharedCgnat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || sharedCgnat || uniqueLocal;
    }

    private static String refusedKind(boolean denyPrivate) {
        return denyPrivate ? "a loopback, private, link-local or cloud metadata address"
                : "a link-local or cloud metadata address";
    }

    private static ValidationException refused(String message) {
        return new ValidationException("forbidden_webhook_url", message, "webhook_url");
    }

    /**
     * The IPv4 address an IPv6 address carries in its last 32 bits, for the forms that reach it:
     * IPv4-compatible {@code ::a.b.c.d} and NAT64 {@code 64:ff9b::a.b.c.d}. (The JVM already turns
     * IPv4-mapped {@code ::ffff:a.b.c.d} into the IPv4 address.) {@code null} for any other address.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        byte[] prefix = Arrays.copyOf(bytes, 12);
        boolean compatible = Arrays.equals(prefix, IPV4_COMPATIBLE_PREFIX) && (bytes[12] | bytes[13]) != 0;
        if (!compatible && !Arrays.equals(prefix, NAT64_PREFIX)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String trailingDotRemoved(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
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

    private static InetAddress parseLiteral(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }
}
