package io.auditlog.audit.service;

import io.netty.util.NetUtil;

/** IP address checks that never resolve a host name (InetAddress.getByName would, for a non-literal). */
public final class IpAddresses {

    private IpAddresses() {
    }

    public static boolean isLiteral(String value) {
        return NetUtil.isValidIpV4Address(value) || NetUtil.isValidIpV6Address(value);
    }

    /** An address, or a network in CIDR form such as 203.0.113.0/24. */
    public static boolean isAddressOrNetwork(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isLiteral(value);
        }
        String address = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        if (!isLiteral(address) || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        return prefix <= (NetUtil.isValidIpV4Address(address) ? 32 : 128);
    }
}
