package org.epollservers;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadmeTest {

  private static String readme() throws Exception {
    return Files.readString(Path.of("README.md"));
  }

  @Test
  @DisplayName("the README's Vert.x version is the pom's")
  void versionsMatchPom() throws Exception {
    Matcher pom = Pattern.compile("<vertx.version>([^<]+)</vertx.version>").matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(pom.find());
    assertTrue(readme().contains("Vert.x " + pom.group(1)), "README should name Vert.x " + pom.group(1));
  }

  @Test
  @DisplayName("every class the README's diagram names exists, in the package it names")
  void diagramNamesRealClasses() throws Exception {
    List<String> named = Pattern.compile("\\b(tcp|udp|feed|cluster|admin|launcher|config|internals|transport|text)\\.([A-Z]\\w+)")
      .matcher(readme()).results().map(m -> m.group(1) + "/" + m.group(2)).distinct().toList();
    assertTrue(named.size() >= 10, "the diagram names the classes it goes through: " + named);
    for (String type : named) {
      assertTrue(Files.exists(Path.of("src/main/java/org/epollservers/" + type + ".java")), "README names " + type);
    }
  }

  @Test
  @DisplayName("the README stays short enough to read: at most about 1,500 words")
  void readmeIsShort() throws Exception {
    assertTrue(readme().split("\\s+").length <= 1500, "README.md grew past 1,500 words: move reference text to docs/");
  }

  @Test
  @DisplayName("CI runs the README's test command")
  void ciRunsReadmeCommand() throws Exception {
    assertTrue(readme().contains("mvn -B verify"));
    assertEquals(1, Files.readString(Path.of(".ci/run")).lines().filter(l -> l.trim().equals("mvn -B verify")).count());
  }
}
