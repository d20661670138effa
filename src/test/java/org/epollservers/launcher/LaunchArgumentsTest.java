package org.epollservers.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchArgumentsTest {

  private static LaunchArguments parse(String... args) {
    return LaunchArguments.parse(args);
  }

  private static String refusal(String... args) {
    return assertThrows(LaunchArguments.Refused.class, () -> LaunchArguments.parse(args)).getMessage();
  }

  @Test
  @DisplayName("-conf is found in every spelling the launcher accepts")
  void confSpellings() {
    assertEquals("a.json", parse("-conf", "a.json").conf());
    assertEquals("b.json", parse("-instances", "2", "--conf", "b.json").conf());
    assertEquals("c.json", parse("-CONF=c.json").conf());
    assertEquals("{\"a\":1}", parse("--conf={\"a\":1}").conf());
    assertNull(parse("-instances", "2").conf());
  }

  @Test
  @DisplayName("help is recognised so it can be shown without loading configuration")
  void help() {
    assertTrue(parse("-h").helpOnly());
    assertTrue(parse("--help").helpOnly());
    assertFalse(parse("-conf", "-h.json").helpOnly());
  }

  @Test
  @DisplayName("help wins over a mistake elsewhere on the line")
  void helpWinsOverMistakes() {
    assertTrue(parse("-nope", "--help").helpOnly());
    assertTrue(parse("-h", "sideways").helpOnly());
  }

  @Test
  @DisplayName("no command serves with the manifest's verticle; -conf and -h are never handed to the launcher")
  void serve() {
    LaunchArguments serve = parse("-conf", "a.json", "-instances", "3", "-options", "{}");
    assertEquals(Command.SERVE, serve.command());
    assertNull(serve.verticle());
    assertFalse(serve.clustered());
    assertEquals(3, serve.instances());
    assertEquals(List.of("-instances", "3", "-options", "{}"), serve.launcher());
    assertEquals(Command.SERVE, parse("serve", "-cluster").command());
    assertEquals(List.of("-cluster"), parse("serve", "-c").launcher());
  }

  @Test
  @DisplayName("status and tail deploy their verticle and join the cluster, keeping the cluster options")
  void clusterCommands() {
    LaunchArguments status = parse("status", "-cluster-host", "127.0.0.1", "-cluster-port=15701");
    assertEquals(Command.STATUS, status.command());
    assertTrue(status.clustered());
    assertEquals(List.of("org.epollservers.cluster.StatusVerticle", "-cluster", "-cluster-host", "127.0.0.1",
      "-cluster-port", "15701"), status.launcher());
    LaunchArguments tail = parse("-conf", "x.json", "tail");
    assertEquals("x.json", tail.conf());
    assertEquals(List.of("org.epollservers.cluster.TailVerticle", "-cluster"), tail.launcher());
  }

  @Test
  @DisplayName("a verticle named by its class is deployed as before, clustered only with -cluster")
  void verticleByClassName() {
    LaunchArguments udp = parse("org.epollservers.udp.UdpVerticle", "-conf", "{}");
    assertEquals(Command.VERTICLE, udp.command());
    assertEquals(List.of("org.epollservers.udp.UdpVerticle"), udp.launcher());
    assertFalse(udp.clustered());
    LaunchArguments status = parse("org.epollservers.cluster.StatusVerticle", "-cluster");
    assertTrue(status.clustered());
    assertEquals(List.of("org.epollservers.cluster.StatusVerticle", "-cluster"), status.launcher());
  }

  @Test
  @DisplayName("config is a command of its own and carries -instances into what it prints")
  void config() {
    LaunchArguments config = parse("config", "-instances", "4");
    assertEquals(Command.CONFIG, config.command());
    assertEquals(4, config.instances());
  }

  @Test
  @DisplayName("each mistake is refused in one line that names it")
  void refusals() {
    assertEquals("unknown option -nope", refusal("-nope"));
    assertEquals("unknown option -Dapp.env (options for java go before -jar)", refusal("-Dapp.env=prod"));
    assertEquals("unknown command 'stats'", refusal("stats"));
    assertEquals("unexpected argument 'extra' after status", refusal("status", "extra"));
    assertEquals("-conf needs a value", refusal("-conf"));
    assertEquals("-cluster-port needs a value", refusal("tail", "-cluster-port"));
    assertEquals("-instances must be a whole number from 1, got 'many'", refusal("-instances", "many"));
    assertEquals("-instances must be a whole number from 1, got '0'", refusal("-instances=0"));
    assertEquals("-cluster-port must be a port number from 0 to 65535, got '70000'", refusal("-cluster-port", "70000"));
    assertEquals("-cluster takes no value", refusal("-cluster=yes"));
    assertEquals("-instances is for serving; status runs once", refusal("status", "-instances", "2"));
  }
}
