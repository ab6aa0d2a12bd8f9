package org.gan4j.features;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.gan4j.BadInputException;

/**
 * A PyTorch state dict as Python's {@code torch.save(model.state_dict(), f)} writes it, read in
 * Java without Python or libtorch's TorchScript loader: both of {@code torch.save}'s layouts are
 * understood, so a file from any PyTorch version loads.
 *
 * <ul>
 *   <li><b>zip</b> (PyTorch ≥ 1.6, the default since): {@code PREFIX/data.pkl} holds the pickled
 *       dict, each tensor's storage is the raw little-endian entry {@code PREFIX/data/KEY};</li>
 *   <li><b>legacy</b> (older files, or {@code _use_new_zipfile_serialization=False}): five pickles
 *       in a row (magic number, protocol version, system info, the dict, the sorted storage keys),
 *       then for each key an int64 element count and the storage's bytes.</li>
 * </ul>
 *
 * The unpickler knows only what a state dict needs (protocols 2–5: dicts, lists, tuples, strings,
 * numbers, {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} and
 * {@code _rebuild_parameter}, persistent storage ids); anything else is a one-line
 * {@link BadInputException}, as is a truncated file. Tensors come back as float32 values in C order
 * with their shape (float64 and integer storages are converted; num_batches_tracked is int64).
 */
final class TorchStateDict {
    /** The first pickle of a legacy file. */
    private static final java.math.BigInteger LEGACY_MAGIC = new java.math.BigInteger("1950a86a20f9469cfc6c", 16);

    /** One tensor of the dict: its shape and its values in C order. */
    record Stored(long[] shape, float[] values) {
        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private TorchStateDict() {
    }

    /** The tensors of the state dict in {@code file}, in the file's order. */
    static Map<String, Stored> read(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                throw new BadInputException(file + ": not a PyTorch state dict (" + Files.size(file) + " bytes)");
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        try {
            if (head[0] == 'P' && head[1] == 'K') {
                return readZip(file);
            }
            return readLegacy(file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(file + ": not a readable PyTorch state dict (" + oneLine(e) + ")");
        }
    }

    private static Map<String, Stored> readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.endsWith("/data.pkl"))) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new BadInputException(file + ": a zip without data.pkl, not a torch.save file");
            }
            String base = prefix;
            Object root = new Unpickler(bytes(zip, base + "data.pkl"), new HashMap<>()).load();
            return tensors(file, root, storage -> {
                try {
                    return bytes(zip, base + "data/" + storage.key);
                } catch (IOException e) {
                    throw new BadInputException(file + ": storage " + storage.key + " unreadable (" + oneLine(e) + ")");
                }
            });
        }
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException("entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, Stored> readLegacy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Cursor c = new Cursor(all);
        Map<String, Storage> seen = new HashMap<>();
        Object magic = new Unpickler(c, seen).load();
        if (!LEGACY_MAGIC.equals(magic)) {
            throw new BadInputException(file + ": neither a zip nor a legacy torch.save file (bad magic number)");
        }
        new Unpickler(c, seen).load();          // protocol version
        new Unpickler(c, seen).load();          // system info
        Object root = new Unpickler(c, seen).load();
        Object keys = new Unpickler(c, seen).load();
        if (!(keys instanceof List<?> list)) {
            throw new BadInputException(file + ": legacy file without its storage key list");
        }
        Map<String, byte[]> data = new HashMap<>();
        for (Object k : list) {
            long count = c.int64le();
            Storage s = seen.get(String.valueOf(k));
            int size = s == null ? 4 : s.elementSize();
            data.put(String.valueOf(k), c.take(Math.multiplyExact(count, size)));
        }
        return tensors(file, root, storage -> {
            byte[] b = data.get(storage.key);
            if (b == null) {
                throw new BadInputException(file + ": storage " + storage.key + " is missing");
            }
            return b;
        });
    }

    /** The dict's entries as float tensors, reading each storage once. */
    private static Map<String, Stored> tensors(Path file, Object root, Function<Storage, byte[]> read) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new BadInputException(file + ": holds a " + describe(root) + ", not a state dict");
        }
        Map<String, float[]> storages = new HashMap<>();
        Map<String, Stored> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new BadInputException(file + ": entry " + e.getKey() + " is a " + describe(e.getValue()) + ", not a tensor");
            }
            float[] values = storages.computeIfAbsent(t.storage.key, k -> t.storage.decode(read.apply(t.storage), file));
            out.put(String.valueOf(e.getKey()), t.gather(values, file));
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Opaque op ? op.global.toString() : o.getClass().getSimpleName();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("").trim();
    }

    // ---- the pickle machine -------------------------------------------------------------------

    /** {@code module.name}, as GLOBAL pushes it. */
    private record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** An object the unpickler does not build (it becomes an error only if a tensor is expected there). */
    private record Opaque(Global global, Object args) {
    }

    /** A storage named by a persistent id: its element type and key. */
    private record Storage(String type, String key, long count) {
        int elementSize() {
            return switch (type) {
                case "DoubleStorage", "LongStorage" -> 8;
                case "FloatStorage", "IntStorage" -> 4;
                case "HalfStorage", "BFloat16Storage", "ShortStorage" -> 2;
                case "ByteStorage", "CharStorage", "BoolStorage" -> 1;
                default -> throw new BadInputException("unsupported storage type torch." + type);
            };
        }

        float[] decode(byte[] raw, Path file) {
            int size = elementSize();
            if (raw.length % size != 0) {
                throw new BadInputException(file + ": storage " + key + " has " + raw.length + " bytes, not a whole number of " + type);
            }
            int n = raw.length / size;
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (type) {
                    case "FloatStorage" -> b.getFloat();
                    case "DoubleStorage" -> (float) b.getDouble();
                    case "LongStorage" -> b.getLong();
                    case "IntStorage" -> b.getInt();
                    case "ShortStorage" -> b.getShort();
                    case "ByteStorage", "BoolStorage" -> b.get() & 0xff;
                    case "CharStorage" -> b.get();
                    case "BFloat16Storage" -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                    default -> throw new BadInputException(file + ": tensors of torch." + type + " are not supported (use float32)");
                };
            }
            return v;
        }
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}. */
    private record TensorRef(Storage storage, long offset, long[] shape, long[] stride) {
        Stored gather(float[] values, Path file) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (offset == 0 && n == values.length && contiguous()) {
                return new Stored(shape.clone(), values);   // the usual case: a state dict tensor owns its whole storage
            }
            float[] out = new float[Math.toIntExact(n)];
            long[] index = new long[shape.length];
            for (int i = 0; i < out.length; i++) {
                long at = offset;
                for (int k = 0; k < shape.length; k++) {
                    at += index[k] * stride[k];
                }
                if (at < 0 || at >= values.length) {
                    throw new BadInputException(file + ": a tensor of shape " + Arrays.toString(shape)
                            + " reaches past its storage of " + values.length + " values (truncated file?)");
                }
                out[i] = values[(int) at];
                for (int k = shape.length - 1; k >= 0; k--) {
                    if (++index[k] < shape[k]) {
                        break;
                    }
                    index[k] = 0;
                }
            }
            return new Stored(shape.clone(), out);
        }

        private boolean contiguous() {
            long expected = 1;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (shape[k] != 1 && stride[k] != expected) {
                    return false;
                }
                expected *= shape[k];
            }
            return true;
        }
    }

    /** Bytes with a read position; running out is an {@link IOException}. */
    private static final class Cursor {
        final byte[] b;
        int at;

        Cursor(byte[] b) {
            this.b = b;
        }

        int u8() throws IOException {
            need(1);
            return b[at++] & 0xff;
        }

        byte[] take(long n) throws IOException {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IOException("bad length " + n);
            }
            need((int) n);
            byte[] out = Arrays.copyOfRange(b, at, at + (int) n);
            at += (int) n;
            return out;
        }

        long uintLe(int bytes) throws IOException {
            need(bytes);
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v |= (long) (b[at + i] & 0xff) << (8 * i);
            }
            at += bytes;
            return v;
        }

        long int64le() throws IOException {
            return uintLe(8);
        }

        String line() throws IOException {
            int start = at;
            while (at < b.length && b[at] != '\n') {
                at++;
            }
            if (at >= b.length) {
                throw new IOException("truncated (no end of line)");
            }
            return new String(b, start, at++ - start, StandardCharsets.UTF_8);
        }

        private void need(int n) throws IOException {
            if (at + n > b.length) {
                throw new IOException("truncated: " + n + " bytes wanted at offset " + at + " of " + b.length);
            }
        }
    }

    /** Just enough of Python's pickle machine for a state dict. */
    private static final class Unpickler {
        private static final Object MARK = new Object();

        private final Cursor in;
        private final Deque<Object> stack = new ArrayDeque<>();
        private final Map<Long, Object> memo = new HashMap<>();

        /** Every storage a persistent id named, by key (a legacy file's element sizes are needed after the pickles). */
        private final Map<String, Storage> storages;

        Unpickler(byte[] bytes, Map<String, Storage> storages) {
            this(new Cursor(bytes), storages);
        }

        Unpickler(Cursor in, Map<String, Storage> storages) {
            this.in = in;
            this.storages = storages;
        }

        Object load() throws IOException {
            Deque<Object> s = stack;
            while (true) {
                int op = in.u8();
                switch (op) {
                    case 0x80 -> in.u8();                                          // PROTO
                    case 0x95 -> in.uintLe(8);                                     // FRAME
                    case '.' -> {                                                  // STOP
                        return pop();
                    }
                    case '(' -> s.push(MARK);
                    case '}' -> s.push(new LinkedHashMap<Object, Object>());
                    case ']' -> s.push(new ArrayList<Object>());
                    case ')' -> s.push(List.of());
                    case 'N' -> s.push(NONE);
                    case 0x88 -> s.push(Boolean.TRUE);
                    case 0x89 -> s.push(Boolean.FALSE);
                    case 'K' -> s.push((long) in.u8());
                    case 'M' -> s.push(in.uintLe(2));
                    case 'J' -> s.push((long) (int) in.uintLe(4));
                    case 0x8a -> s.push(long1(in.take(in.u8())));
                    case 'G' -> s.push(ByteBuffer.wrap(in.take(8)).getDouble());
                    case 'X' -> s.push(new String(in.take(in.uintLe(4)), StandardCharsets.UTF_8));
                    case 0x8c -> s.push(new String(in.take(in.u8()), StandardCharsets.UTF_8));
                    case 0x8d -> s.push(new String(in.take(in.uintLe(8)), StandardCharsets.UTF_8));
                    case 'U' -> s.push(new String(in.take(in.u8()), StandardCharsets.ISO_8859_1));
                    case 'T' -> s.push(new String(in.take(in.uintLe(4)), StandardCharsets.ISO_8859_1));
                    case 'C' -> s.push(in.take(in.u8()));
                    case 'B' -> s.push(in.take(in.uintLe(4)));
                    case 'q' -> memo.put((long) in.u8(), s.peek());
                    case 'r' -> memo.put(in.uintLe(4), s.peek());
                    case 0x94 -> memo.put((long) memo.size(), s.peek());
                    case 'h' -> s.push(memoGet(in.u8()));
                    case 'j' -> s.push(memoGet(in.uintLe(4)));
                    case 'c' -> s.push(new Global(in.line(), in.line()));
                    case 0x93 -> {
                        String name = (String) pop();
                        s.push(new Global((String) pop(), name));
                    }
                    case 't' -> s.push(List.copyOf(popMark()));
                    case 0x85 -> s.push(List.of(pop()));
                    case 0x86 -> {
                        Object b = pop();
                        s.push(List.of(pop(), b));
                    }
                    case 0x87 -> {
                        Object c = pop();
                        Object b = pop();
                        s.push(List.of(pop(), b, c));
                    }
                    case 'Q' -> s.push(persistent(pop()));
                    case 'R', 0x81 -> {
                        Object args = pop();
                        s.push(reduce(pop(), args));
                    }
                    case 's' -> {
                        Object v = pop();
                        Object k = pop();
                        dict(s.peek()).put(k, v);
                    }
                    case 'u' -> {
                        List<Object> items = popMark();
                        Map<Object, Object> d = dict(s.peek());
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            d.put(items.get(i), items.get(i + 1));
                        }
                    }
                    case 'a' -> {
                        Object v = pop();
                        list(s.peek()).add(v);
                    }
                    case 'e' -> {
                        List<Object> items = popMark();
                        list(s.peek()).addAll(items);
                    }
                    case 'b' -> pop();                                             // BUILD: state (OrderedDict._metadata) is not needed
                    default -> throw new IOException(String.format("unsupported pickle opcode 0x%02x at offset %d", op, in.at - 1));
                }
            }
        }

        private static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };

        private Object memoGet(long k) throws IOException {
            if (!memo.containsKey(k)) {
                throw new IOException("memo " + k + " read before it was written");
            }
            return memo.get(k);
        }

        private Object pop() throws IOException {
            if (stack.isEmpty() || stack.peek() == MARK) {
                throw new IOException("pickle stack underflow");
            }
            return stack.pop();
        }

        /** The items pushed since the last MARK, oldest first; the MARK is removed. */
        private List<Object> popMark() throws IOException {
            List<Object> items = new ArrayList<>();
            while (!stack.isEmpty() && stack.peek() != MARK) {
                items.add(0, stack.pop());
            }
            if (stack.isEmpty()) {
                throw new IOException("pickle MARK missing");
            }
            stack.pop();
            return items;
        }

        @SuppressWarnings("unchecked")
        private static Map<Object, Object> dict(Object o) throws IOException {
            if (o instanceof Map<?, ?> m) {
                return (Map<Object, Object>) m;
            }
            throw new IOException("SETITEM on a " + o);
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Object o) throws IOException {
            if (o instanceof ArrayList<?> l) {
                return (List<Object>) l;
            }
            throw new IOException("APPEND on a " + o);
        }

        private static Object long1(byte[] le) {
            byte[] be = new byte[le.length];
            for (int i = 0; i < le.length; i++) {
                be[i] = le[le.length - 1 - i];
            }
            return be.length == 0 ? java.math.BigInteger.ZERO : new java.math.BigInteger(be);
        }

        /** {@code ('storage', torch.FloatStorage, key, location, count[, view])}. */
        private Object persistent(Object pid) throws IOException {
            if (pid instanceof List<?> t && t.size() >= 5 && "storage".equals(t.get(0)) && t.get(1) instanceof Global g) {
                Storage s = new Storage(g.name(), String.valueOf(t.get(2)), number(t.get(4)));
                if (t.size() > 5 && t.get(5) instanceof List<?> view && !view.isEmpty()) {
                    throw new IOException("storage views (legacy view metadata) are not supported");
                }
                storages.put(s.key(), s);
                return s;
            }
            throw new IOException("unsupported persistent id " + pid);
        }

        private static long number(Object o) throws IOException {
            if (o instanceof Long l) {
                return l;
            }
            if (o instanceof java.math.BigInteger b) {
                return b.longValueExact();
            }
            throw new IOException("expected an integer, got " + o);
        }

        private static long[] longs(Object o) throws IOException {
            if (!(o instanceof List<?> l)) {
                throw new IOException("expected a tuple of integers, got " + o);
            }
            long[] v = new long[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(l.get(i));
            }
            return v;
        }

        private static Object reduce(Object callable, Object args) throws IOException {
            if (!(callable instanceof Global g)) {
                throw new IOException("REDUCE of a " + callable);
            }
            List<?> a = args instanceof List<?> l ? l : List.of();
            switch (g.toString()) {
                case "collections.OrderedDict":
                    return new LinkedHashMap<Object, Object>();
                case "torch._utils._rebuild_tensor_v2":
                case "torch._utils._rebuild_tensor":
                    if (a.size() < 4 || !(a.get(0) instanceof Storage s)) {
                        throw new IOException("malformed " + g + " arguments");
                    }
                    return new TensorRef(s, number(a.get(1)), longs(a.get(2)), longs(a.get(3)));
                case "torch._utils._rebuild_parameter":
                    return a.isEmpty() ? NONE : a.get(0);
                default:
                    return new Opaque(g, args);
            }
        }
    }
}
