package io.ramgrants.demo;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by three spaces, the way {@code kubectl get} prints them. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null || cell.toString().isEmpty() ? "<none>" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    /** The table, one line per row, each line prefixed with {@code indent}. */
    String render(String indent) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, header, widths);
        rows.forEach(row -> line(out, indent, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length() + 3));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
