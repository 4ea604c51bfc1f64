package io.authcert.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's {@code serial}: how many hosts go through a rolling step at once. Each entry is a count
 * ("2") or a percentage ("30%"); a list means successive batch sizes, the last one repeating.
 */
public record Serial(List<String> sizes) {

    public static final Serial ALL = new Serial(List.of("100%"));

    public Serial {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("serial needs at least one batch size");
        }
    }

    /** Splits hosts into batches in order, as Ansible does (a percentage rounds down, at least one host). */
    public <T> List<List<T>> batches(List<T> hosts) {
        List<List<T>> out = new ArrayList<>();
        int index = 0;
        int sizeIndex = 0;
        while (index < hosts.size()) {
            String size = sizes.get(Math.min(sizeIndex++, sizes.size() - 1));
            int n = batchSize(size, hosts.size());
            int end = Math.min(hosts.size(), index + n);
            out.add(List.copyOf(hosts.subList(index, end)));
            index = end;
        }
        return out;
    }

    private static int batchSize(String size, int total) {
        String s = size.trim();
        int n;
        if (s.endsWith("%")) {
            double pct = Double.parseDouble(s.substring(0, s.length() - 1));
            n = (int) Math.floor(total * pct / 100.0);
        } else {
            n = Integer.parseInt(s);
        }
        return Math.max(1, n);
    }
}
