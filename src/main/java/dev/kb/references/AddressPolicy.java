package dev.kb.references;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which hosts the checker may contact. A course document could point the checker at the machine it runs on or at
 * a cloud metadata service ({@code http://169.254.169.254/}); by default every address that is not public is
 * refused, and the check is made again for each redirect's host.
 */
final class AddressPolicy {
    /** Name resolution; the system resolver outside tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    AddressPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Null when the host may be contacted, else why not. */
    String refusal(String host) throws UnknownHostException {
        if (host == null || host.isBlank()) {
            return "no host";
        }
        if (allowPrivate) {
            return null;
        }
        for (InetAddress address : resolver.resolve(host)) {
            if (!isPublic(address)) {
                return "refused: " + host + " resolves to the non-public address " + address.getHostAddress();
            }
        }
        return null;
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
