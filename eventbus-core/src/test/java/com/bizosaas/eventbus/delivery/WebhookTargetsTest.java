package com.bizosaas.eventbus.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
    /** Written out here rather than read from the class, so an entry dropped from the list fails. */
    static Stream<String> metadataAddresses() {
        return Stream.of("169.254.169.254", "169.254.170.2", "169.254.0.23", "100.100.100.200", "192.0.0.192",
                "168.63.129.16", "fd00:ec2::254", "fd20:ce::254", "fe80::a9fe:a9fe",
                // the same places spelt as IPv4-mapped, IPv4-compatible and NAT64 IPv6 addresses
                "::ffff:100.100.100.200", "::100.100.100.200", "64:ff9b::100.100.100.200", "64:ff9b::a9fe:a9fe",
                // another spelling of fd00:ec2::254
                "fd00:ec2:0:0:0:0:0:254");
    }

    @ParameterizedTest
    @MethodSource("metadataAddresses")
    void aHostNameResolvingToAMetadataAddressIsRefusedBeforeConnecting(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);
        WebhookTargets.Resolver dns = host -> {
            assertThat(host).isEqualTo("receiver.example");
            return new InetAddress[] {InetAddress.getByName("10.0.0.7"), resolved};
        };

        assertThatThrownBy(() -> WebhookTargets.checkResolved(URI.create("http://receiver.example/hook"), dns, false))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo("forbidden_webhook_url"))
                .hasMessageContaining("resolves to " + resolved.getHostAddress());
    }

    @ParameterizedTest
    @MethodSource("metadataAddresses")
    void aMetadataAddressWrittenInTheUrlIsRefusedAtSubscription(String address) {
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThatThrownBy(() -> WebhookTargets.check("http://" + host + "/latest/meta-data"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo("forbidden_webhook_url"));
    }

    @ParameterizedTest
    @MethodSource("metadataAddresses")
    void theSystemResolverIsCheckedToo(String address) {
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThatThrownBy(() -> WebhookTargets.checkResolved(URI.create("http://" + host + "/")))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "metadata.google.internal.", "METADATA", "metadata.goog",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.com", "metadata.tencentyun.com"})
    void metadataHostNamesAreRefusedWithoutALookUp(String host) {
        assertThatThrownBy(() -> WebhookTargets.check("http://" + host + "/computeMetadata/v1"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo("forbidden_webhook_url"));
    }

    @Test
    void everyDocumentedAddressIsRefused() throws Exception {
        for (String address : WebhookTargets.METADATA_ADDRESSES) {
            assertThat(WebhookTargets.isForbidden(InetAddress.getByName(address), false)).as(address).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.7", "192.168.1.20", "172.16.4.2", "100.100.100.201",
            "fd00:ec2::253", "203.0.113.9"})
    void loopbackPrivateAndOrdinaryAddressesStayAllowed(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        assertThatCode(() -> WebhookTargets.checkResolved(URI.create("http://receiver.example/hook"),
                host -> new InetAddress[] {resolved}, false)).doesNotThrowAnyException();
    }

    /** Written out here, with the edges of each range, so a range dropped or mistyped fails. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "::1", "10.0.0.7", "10.255.255.255", "172.16.0.1",
            "172.31.255.254", "192.168.1.20", "100.64.0.1", "100.127.255.254", "fc00::1", "fd12:3456::9",
            "::ffff:10.1.2.3", "64:ff9b::192.168.0.1"})
    void withDenyPrivateLoopbackAndPrivateAddressesAreRefusedAfterResolution(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);
        WebhookTargets.Resolver dns = host -> new InetAddress[] {InetAddress.getByName("203.0.113.9"), resolved};

        assertThatThrownBy(() -> WebhookTargets.checkResolved(URI.create("http://receiver.example/hook"), dns, true))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo("forbidden_webhook_url"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> WebhookTargets.checkSubscription("http://receiver.example/hook", true, dns))
                .isInstanceOf(ValidationException.class);
        String literal = address.contains(":") ? "[" + address + "]" : address;
        assertThatThrownBy(() -> WebhookTargets.checkSubscription("http://" + literal + "/hook", true,
                host -> { throw new AssertionError("a literal needs no look-up"); }))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.9", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "11.0.0.1", "2001:db8::1", "fe00::1"})
    void withDenyPrivatePublicAddressesStayAllowed(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        assertThatCode(() -> WebhookTargets.checkSubscription("http://receiver.example/hook", true,
                host -> new InetAddress[] {resolved})).doesNotThrowAnyException();
    }

    @Test
    void aHostThatDoesNotResolveYetMaySubscribeAndIsCheckedAtEachDelivery() {
        WebhookTargets.Resolver nowhere = host -> {
            throw new UnknownHostException(host);
        };

        assertThatCode(() -> WebhookTargets.checkSubscription("http://later.example/hook", true, nowhere))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookTargets.checkResolved(URI.create("http://later.example/hook"), nowhere, true))
                .isInstanceOf(UnknownHostException.class);
    }
}
