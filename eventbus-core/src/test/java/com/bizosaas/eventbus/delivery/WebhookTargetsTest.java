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

        assertThatThrownBy(() -> WebhookTargets.checkResolved(URI.create("http://receiver.example/hook"), dns))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("refused address");
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
                .isInstanceOf(UnknownHostException.class);
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
            assertThat(WebhookTargets.isForbidden(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.7", "192.168.1.20", "172.16.4.2", "100.100.100.201",
            "fd00:ec2::253", "203.0.113.9"})
    void loopbackPrivateAndOrdinaryAddressesStayAllowed(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        assertThatCode(() -> WebhookTargets.checkResolved(URI.create("http://receiver.example/hook"),
                host -> new InetAddress[] {resolved})).doesNotThrowAnyException();
    }
}
