package org.firehub.rules.catalogue;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects what is wrong in a catalogue, each at the YAML node it is about, so the error names the line. */
final class Problems {
    private final List<CatalogueProblem> found = new ArrayList<>();

    void at(Node node, String message) {
        at(node.getStartMark(), message);
    }

    void at(Mark mark, String message) {
        found.add(new CatalogueProblem(mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    int count() {
        return found.size();
    }

    List<CatalogueProblem> list() {
        return List.copyOf(found);
    }
}
