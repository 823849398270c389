package org.firehub.rules.catalogue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.firehub.device.DeviceKindCatalogue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code rules.yaml} into a {@link CatalogueRuleBook}, or refuses it whole. SnakeYAML's node
 * API (not a data binding) is used on purpose: every node keeps its line and column, so every
 * problem, from a YAML syntax error to an override outside the settable range, names its line.
 */
public final class RuleCatalogueParser {
    static final Set<String> TOP_KEYS = Set.of("kinds", "correlations", "overrides");

    private RuleCatalogueParser() {}

    /** @param file how errors name the file, e.g. {@code config/rules.yaml} */
    public static CatalogueRuleBook parse(String yaml, String file, DeviceKindCatalogue kinds) throws InvalidRuleCatalogue {
        Node root = compose(yaml, file);
        ParseContext ctx = new ParseContext(kinds);
        Problems problems = ctx.problems;
        if (root == null) throw new InvalidRuleCatalogue(file, List.of(new CatalogueProblem(1, 1, "the file is empty")));
        YamlMap top = YamlMap.of(root, "the file", problems);
        if (top != null) {
            top.allowOnly(TOP_KEYS);
            Node kindsNode = top.required("kinds");
            YamlMap kindMap = kindsNode == null ? null : YamlMap.of(kindsNode, "kinds", problems);
            if (kindMap != null) {
                KindSectionParser kindParser = new KindSectionParser(ctx);
                kindMap.entries().forEach((kind, section) -> kindParser.parse(kindMap.keyNode(kind), kind, section));
            }
            if (top.has("correlations")) new CorrelationSectionParser(ctx).parse(top.optional("correlations"));
            OverrideParser overrides = new OverrideParser(ctx);
            if (top.has("overrides") && !isNull(top.optional("overrides"))) overrides.parse(top.optional("overrides"));
            if (!problems.any()) {
                return new CatalogueRuleBook(ctx.byKind, ctx.byId, overrides.venues, overrides.devices);
            }
        }
        throw new InvalidRuleCatalogue(file, problems.list());
    }

    private static Node compose(String yaml, String file) throws InvalidRuleCatalogue {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // The catalogue is a few hundred lines; anything with many aliases is an accident or an attack.
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = "YAML syntax: " + (e.getContext() != null ? e.getContext() + ", " : "") + e.getProblem();
            if (e.getContextMark() != null && mark != null && e.getContextMark().getLine() != mark.getLine()) {
                problem += " (started at line " + (e.getContextMark().getLine() + 1) + ")";
            }
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            throw new InvalidRuleCatalogue(file, List.of(new CatalogueProblem(line, column, problem)));
        } catch (YAMLException e) {
            throw new InvalidRuleCatalogue(file, List.of(new CatalogueProblem(1, 1, "YAML: " + e.getMessage())));
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof org.yaml.snakeyaml.nodes.ScalarNode s && s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
    }
}
