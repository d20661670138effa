package org.epollservers.launcher;

import org.epollservers.cluster.StatusVerticle;
import org.epollservers.cluster.TailVerticle;

import java.util.Arrays;
import java.util.Optional;

/** The commands a person can type as the jar's first word, and the verticle each one deploys. */
enum Command {

  /** Both servers, from the manifest's Main-Verticle: what runs when no command is given. */
  SERVE("serve", null, false),
  STATUS("status", StatusVerticle.class.getName(), true),
  TAIL("tail", TailVerticle.class.getName(), true),
  /** Prints the effective configuration; nothing is deployed. */
  CONFIG("config", null, false),
  /** A verticle named by its class, deployed with the launcher's options as given. */
  VERTICLE(null, null, false);

  private final String word;
  private final String verticle;
  private final boolean joinsCluster;

  Command(String word, String verticle, boolean joinsCluster) {
    this.word = word;
    this.verticle = verticle;
    this.joinsCluster = joinsCluster;
  }

  static Optional<Command> named(String word) {
    return Arrays.stream(values()).filter(command -> word.equals(command.word)).findFirst();
  }

  String word() {
    return word;
  }

  /** The verticle this command deploys, or {@code null} for the manifest's. */
  String verticle() {
    return verticle;
  }

  /** Whether the command only makes sense in a cluster, so {@code -cluster} is implied. */
  boolean joinsCluster() {
    return joinsCluster;
  }
}
