package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.tickets.TicketService;
import org.junit.jupiter.api.Test;

/**
 * Every hazard the hub can open a ticket for has words in both languages in the console's
 * {@code hazards.js}: a rule added to config/rules.yaml without them fails here, instead of a
 * supervisor reading {@code residual_current_high} on their phone.
 */
class ConsoleHazardLabelsTest {
    private static final Pattern RULE_HAZARD = Pattern.compile("^\\s*hazard:\\s*([a-z0-9_]+)", Pattern.MULTILINE);

    @Test
    void everyHazardOfTheRulesAndOfResidentsHasChineseAndEnglishWords() throws IOException {
        Set<String> hazards = new TreeSet<>();
        Matcher m = RULE_HAZARD.matcher(Files.readString(rules()));
        while (m.find()) hazards.add(m.group(1));
        assertThat(hazards).as("hazards in config/rules.yaml").contains("gas_leak_high", "smoke_alarm", "device_offline");
        hazards.add(TicketService.RESIDENT_HAZARD);
        hazards.add("blocked_exit");

        String labels = consoleFile("hazards.js");
        for (String hazard : hazards) {
            // code: ['中文', 'English'] — both non-empty, the Chinese one really Chinese.
            Pattern entry = Pattern.compile("^\\s*" + hazard + ": \\['(\\p{IsHan}[^']*)', '([A-Za-z][^']*)'\\],$", Pattern.MULTILINE);
            assertThat(entry.matcher(labels).find()).as("zh/en words for hazard %s in console/hazards.js", hazard).isTrue();
        }
    }

    private static Path rules() {
        Path file = Path.of("../config/rules.yaml");
        return Files.exists(file) ? file : Path.of("config/rules.yaml");
    }

    private static String consoleFile(String name) throws IOException {
        try (InputStream in = ConsoleHazardLabelsTest.class.getClassLoader().getResourceAsStream("console/" + name)) {
            assertThat(in).as("console/" + name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
