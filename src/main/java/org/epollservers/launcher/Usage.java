package org.epollservers.launcher;

/** The text of {@code -h}: the commands, the options, the environment and the exit codes, for a person at a shell. */
final class Usage {

  static final String TEXT = """
    Usage: java [java options] -jar epoll-servers.jar [command] [options]

    Commands:
      serve              run the TCP response server and the UDP datagram printer (the default)
      status             ask every node of the cluster for its counters, print a row per node, exit
      tail               print the datagrams of every node of the cluster as they arrive
      config             print the effective configuration as JSON and exit
      <verticle class>   deploy that verticle alone, e.g. org.epollservers.udp.UdpVerticle

    Options:
      -conf <file|JSON>         the last configuration layer; refused when missing or malformed
      -instances <n>            n instances of both servers, each on its own event loop
      -cluster                  join the cluster (status and tail always do)
      -cluster-host <address>   the address this node's event bus listens on and announces
      -cluster-port <port>      the event bus port (Hazelcast's member port is cluster.port)
      -options <file|JSON>      Vert.x options, e.g. {"eventLoopPoolSize":2}
      -h, --help                this text
      Vert.x's other launcher options are passed on: -cluster-public-host, -cluster-public-port,
      -deployment-options, -worker, -virtual-thread.

    Configuration: built-in defaults < conf/$APP_ENV.json < environment variables < -conf.
    Every setting, its default and its variable: docs/configuration.md; `config` shows the result.

    Environment variables that are not settings:
      APP_ENV              picks conf/<name>.json (-Dapp.env=<name> before -jar wins)
      LOG_FORMAT           text (the default) or json: the format of the log on stderr
      NODE_ID              this node's name in status and tail (default: host name and process id)
      STATUS_WAIT_MILLIS   how long status waits for every node to answer (default 10000)

    Stdout carries only the datagram lines (or what status, tail and config print); the log is on stderr.

    Exit codes:
      0     done: help, config, or status with answers
      1     status: no node answered
      2     bad argument
      11    Vert.x could not start (e.g. the -cluster-port is taken)
      15    a server could not start (e.g. its port is taken)
      74    stdout is not open for writing
      78    configuration refused (the message names the source and the key)
      130   stopped by Ctrl-C (SIGINT), as gracefully as by SIGTERM
      143   stopped by SIGTERM, after printing every datagram already received
    """;

  private Usage() {
  }
}
