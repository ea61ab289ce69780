package dev.kb.references;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which hosts the checker may contact. A course document could point the checker at the machine it runs on or at
 * a cloud metadata service ({@code http://169.254.169.254/}); by default every address that is not public is
 * refused, and the check is made again for each redirect's host.
 *
 * <p>A host is resolved once per connection, and the addresses checked are the addresses connected to (see
 * {@link CheckedHttpClient}): resolving again to connect would let a name answer a public address to the check
 * and a private one to the connection (DNS rebinding).
 */
final class AddressPolicy {
    /** Name resolution; the system resolver outside tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host refused by the policy; the message says why. */
    static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    private final Predicate<InetAddress> isPublic;

    AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    AddressPolicy(boolean allowPrivate, Resolver resolver) {
        this(allowPrivate, resolver, AddressPolicy::isPublic);
    }

    /** @param isPublic which addresses count as public (tests stand a local address in for a public one) */
    AddressPolicy(boolean allowPrivate, Resolver resolver, Predicate<InetAddress> isPublic) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.isPublic = isPublic;
    }

    /**
     * The host's addresses, resolved once: the only ones a connection to it may use.
     *
     * @throws Refused when one of them is not public (and private addresses are not allowed)
     */
    List<InetAddress> addresses(String host) throws UnknownHostException, Refused {
        if (host == null || host.isBlank()) {
            throw new Refused("no host");
        }
        List<InetAddress> addresses = List.of(resolver.resolve(host));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic.test(address)) {
                    throw new Refused("refused: " + host + " resolves to the non-public address "
                            + address.getHostAddress());
                }
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            // 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:a.b.c.d mapped IPv4 is judged as the IPv4 address.
            if ((b[0] & 0xFE) == 0xFC) {
                return false;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
