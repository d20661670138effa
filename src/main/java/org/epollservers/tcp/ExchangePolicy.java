package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;
import org.epollservers.config.TcpConfig;

import java.time.Duration;

/**
 * What every connection on one TCP port shares: the replies, the limits and the traffic counters.
 *
 * @param replies the canned response and the 431 refusal, built once
 * @param traffic the port's connection gate and counters
 * @param faults the delay and faults each request may get instead of a prompt response (off by default)
 */
record ExchangePolicy(Replies<Buffer> replies, TcpTraffic traffic, int maxHeaderBytes, Duration headerTimeout,
                      Duration lingerTimeout, FaultInjector faults) {

  static ExchangePolicy of(TcpConfig config, Replies<Buffer> replies, TcpTraffic traffic) {
    TcpConfig.Exchange exchange = config.exchange();
    return new ExchangePolicy(replies, traffic, exchange.maxHeaderBytes(), exchange.headerTimeout(), exchange.lingerTimeout(),
      FaultInjector.of(config.faults()));
  }
}
