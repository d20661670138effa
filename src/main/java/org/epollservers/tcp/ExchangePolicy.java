package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;
import org.epollservers.config.TcpConfig;

import java.time.Duration;

/**
 * What every connection on one TCP port shares: the replies, the limits and the traffic counters.
 *
 * @param replies the canned response and the 431 refusal (and, with keep-alive, the response's two variants), built once
 * @param traffic the port's connection gate and counters
 * @param keepAlive whether, and how long and how often, connections stay open between requests
 * @param accessLog where exchanges are logged; {@code null} when the access log is off
 * @param status the canned response's status code, for the access log
 * @param faults the delay and faults each request may get instead of a prompt response (off by default)
 */
record ExchangePolicy(Replies<Buffer> replies, TcpTraffic traffic, int maxHeaderBytes, Duration headerTimeout,
                      Duration lingerTimeout, TcpConfig.KeepAlive keepAlive, AccessLog accessLog, String status,
                      FaultInjector faults) {

  static ExchangePolicy of(TcpConfig config, Replies<Buffer> replies, TcpTraffic traffic) {
    TcpConfig.Exchange exchange = config.exchange();
    return new ExchangePolicy(replies, traffic, exchange.maxHeaderBytes(), exchange.headerTimeout(), exchange.lingerTimeout(),
      config.extras().keepAlive(), config.extras().accessLog() ? AccessLog.shared() : null, CannedResponse.statusCode(replies.response()),
      FaultInjector.of(config.extras().faults()));
  }
}
