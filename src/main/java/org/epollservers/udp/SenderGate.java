package org.epollservers.udp;

import org.epollservers.config.Cidr;
import org.epollservers.config.UdpConfig;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Decides, for one receiver, whether a datagram's sender may have it printed: in {@code udp.allow}, and within
 * {@code udp.ratePerSender}; counts what it refuses by reason until {@link DatagramLines} takes the counts. Confined
 * to the receiver's event loop; floods come from few senders, so the last sender's verdict and bucket are kept.
 */
final class SenderGate {

  private final List<Cidr> allow;
  private final SenderRates rates;
  private InetAddress lastAddress;
  private boolean lastAllowed;
  private SenderRates.Bucket lastBucket;
  private String lastHost;
  private InetAddress lastParsed;
  private int denied;
  private int overRate;

  /** @param rates the process's buckets, or {@code null} for no limit */
  SenderGate(UdpConfig.Senders senders, SenderRates rates) {
    this.allow = senders.allow();
    this.rates = rates;
  }

  /** Whether a datagram from the host whose address is written {@code host} (a literal) is to be printed. */
  boolean admits(String host) {
    if (!host.equals(lastHost)) {
      try {
        // A literal, as the receiver gives it: read as is, never looked up.
        lastParsed = InetAddress.getByName(host);
        lastHost = host;
      } catch (UnknownHostException e) {
        denied++;
        return false;
      }
    }
    return admits(lastParsed);
  }

  /** Whether a datagram from {@code address} is to be printed; counts it by reason when not. */
  boolean admits(InetAddress address) {
    if (!address.equals(lastAddress)) {
      lastAddress = address;
      lastAllowed = allowed(address.getAddress());
      lastBucket = null;
    }
    if (!lastAllowed) {
      denied++;
      return false;
    }
    if (rates == null) {
      return true;
    }
    long now = System.nanoTime();
    if (lastBucket == null || lastBucket.forgotten()) {
      lastBucket = rates.bucket(sender(address), now);
    }
    if (lastBucket == null || !rates.take(lastBucket, now)) {
      overRate++;
      return false;
    }
    return true;
  }

  private boolean allowed(byte[] address) {
    if (allow.isEmpty()) {
      return true;
    }
    for (Cidr cidr : allow) {
      if (cidr.matches(address)) {
        return true;
      }
    }
    return false;
  }

  /** The sender as its bucket is keyed: an IPv4-mapped IPv6 address is the IPv4 address it carries. */
  private static InetAddress sender(InetAddress address) {
    byte[] bytes = address instanceof Inet6Address ? address.getAddress() : null;
    if (bytes == null || !Cidr.isMapped(bytes)) {
      return address;
    }
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** Datagrams refused as not in {@code udp.allow} since the last call. */
  int takeDenied() {
    int taken = denied;
    denied = 0;
    return taken;
  }

  /** Datagrams refused as over {@code udp.ratePerSender} (or the table of senders full) since the last call. */
  int takeOverRate() {
    int taken = overRate;
    overRate = 0;
    return taken;
  }
}
