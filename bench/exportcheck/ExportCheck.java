// ExportCheck verifies a kensaku export for OpenSearch/Elasticsearch
// without a cluster: it builds the analyzers from the exported settings
// (index.json) with the Lucene 8 classes that analysis-kuromoji and the
// common analysis module are made of, indexes the exported _bulk files in
// memory, and runs Query DSL requests (as kensaku search --dsl writes
// them) translated to Lucene queries the way OpenSearch builds them
// (QueryBuilder for match and match_phrase, BM25 with k1 1.2 and b 0.75).
//
// Usage: java ExportCheck EXPORT_DIR QUERIES.jsonl
//
// QUERIES.jsonl has one {"id": ..., "body": {...}} a line; for each, one
// line {"id": ..., "hits": [ids], "total": N} is printed. Statistics go to
// stderr.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.ja.*;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.apache.lucene.util.QueryBuilder;

public class ExportCheck {
    static Path exportDir;
    static Map<String, Object> analysis;
    static final Map<String, Analyzer> analyzers = new HashMap<>();
    static final Map<String, String> fieldAnalyzer = new HashMap<>();
    static final Set<String> intFields = new HashSet<>();
    static final java.util.concurrent.atomic.AtomicInteger skippedForms = new java.util.concurrent.atomic.AtomicInteger();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ExportCheck EXPORT_DIR QUERIES.jsonl");
            System.exit(2);
        }
        exportDir = Paths.get(args[0]);
        Map<String, Object> body = obj(Json.parse(Files.readString(exportDir.resolve("index.json"))));
        analysis = obj(obj(obj(body.get("settings")).get("index")).get("analysis"));
        readMappings(obj(obj(body.get("mappings")).get("properties")), "");
        long t0 = System.nanoTime();
        // The synonym analyzers analyse every rule with kuromoji: they are
        // built on all cores.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        Map<String, java.util.concurrent.Future<Analyzer>> building = new TreeMap<>();
        for (String name : obj(analysis.get("analyzer")).keySet()) {
            building.put(name, pool.submit(() -> buildAnalyzer(name)));
        }
        for (Map.Entry<String, java.util.concurrent.Future<Analyzer>> e : building.entrySet()) {
            analyzers.put(e.getKey(), e.getValue().get());
        }
        pool.shutdown();
        System.err.printf("analyzers: %d built in %.1f s, %d synonym forms skipped (lenient)%n",
            analyzers.size(), (System.nanoTime() - t0) / 1e9, skippedForms.get());

        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        Map<String, Analyzer> perField = new HashMap<>();
        for (Map.Entry<String, String> e : fieldAnalyzer.entrySet()) perField.put(e.getKey(), analyzers.get(e.getValue()));
        Analyzer indexAnalyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
        t0 = System.nanoTime();
        int docs = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(indexAnalyzer))) {
            List<Path> bulk = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(exportDir, "bulk-*.ndjson")) {
                for (Path p : ds) bulk.add(p);
            }
            Collections.sort(bulk);
            for (Path p : bulk) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    String action;
                    while ((action = r.readLine()) != null) {
                        String src = r.readLine();
                        String id = (String) obj(obj(Json.parse(action)).get("index")).get("_id");
                        w.addDocument(document(id, obj(Json.parse(src))));
                        docs++;
                    }
                }
            }
        }
        System.err.printf("indexed %d passages in %.1f s%n", docs, (System.nanoTime() - t0) / 1e9);

        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
        t0 = System.nanoTime();
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                Map<String, Object> q = obj(Json.parse(line));
                Map<String, Object> req = obj(q.get("body"));
                int size = req.containsKey("size") ? ((Number) req.get("size")).intValue() : 10;
                int from = req.containsKey("from") ? ((Number) req.get("from")).intValue() : 0;
                Query lq = query(req.get("query"));
                TopDocs top = searcher.search(lq, Math.max(1, from + size));
                StringBuilder sb = new StringBuilder("{\"id\":").append(Json.quote((String) q.get("id"))).append(",\"hits\":[");
                for (int i = from; i < top.scoreDocs.length; i++) {
                    if (i > from) sb.append(',');
                    sb.append(Json.quote(searcher.doc(top.scoreDocs[i].doc).get("_id")));
                }
                sb.append("],\"total\":").append(searcher.count(lq)).append('}');
                out.println(sb);
                n++;
            }
        }
        out.flush();
        System.err.printf("ran %d queries in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    // ---- mappings and documents

    static void readMappings(Map<String, Object> props, String prefix) {
        for (Map.Entry<String, Object> e : props.entrySet()) {
            Map<String, Object> f = obj(e.getValue());
            String name = prefix + e.getKey();
            String type = (String) f.get("type");
            if ("text".equals(type)) {
                fieldAnalyzer.put(name, (String) f.get("analyzer"));
            } else if ("integer".equals(type)) {
                intFields.add(name);
            }
            if (f.containsKey("fields")) readMappings(obj(f.get("fields")), name + ".");
        }
    }

    static Document document(String id, Map<String, Object> src) {
        Document d = new Document();
        d.add(new StringField("_id", id, Field.Store.YES));
        for (Map.Entry<String, Object> e : src.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (fieldAnalyzer.containsKey(name)) {
                d.add(new TextField(name, (String) v, Field.Store.NO));
                for (String sub : fieldAnalyzer.keySet()) {
                    if (sub.startsWith(name + ".")) d.add(new TextField(sub, (String) v, Field.Store.NO));
                }
            } else if (intFields.contains(name)) {
                d.add(new IntPoint(name, ((Number) v).intValue()));
            } else if (v instanceof String) {
                d.add(new StringField(name, (String) v, Field.Store.NO));
            }
        }
        return d;
    }

    // ---- analysis

    interface Stage { TokenStream apply(TokenStream in) throws IOException; }

    static class SpecAnalyzer extends Analyzer {
        final List<java.util.function.UnaryOperator<Reader>> charFilters;
        final Map<String, Object> tokenizer;
        final List<Stage> filters;

        SpecAnalyzer(List<java.util.function.UnaryOperator<Reader>> charFilters, Map<String, Object> tokenizer, List<Stage> filters) {
            this.charFilters = charFilters;
            this.tokenizer = tokenizer;
            this.filters = filters;
        }

        @Override
        protected Reader initReader(String field, Reader r) {
            for (java.util.function.UnaryOperator<Reader> cf : charFilters) r = cf.apply(r);
            return r;
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = tokenizer(tokenizer);
            TokenStream ts = t;
            try {
                for (Stage s : filters) ts = s.apply(ts);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new TokenStreamComponents(t, ts);
        }
    }

    static Analyzer buildAnalyzer(String name) throws IOException, java.text.ParseException {
        Map<String, Object> spec = obj(obj(analysis.get("analyzer")).get(name));
        List<java.util.function.UnaryOperator<Reader>> cfs = new ArrayList<>();
        for (Object n : list(spec.get("char_filter"))) cfs.add(charFilter(component("char_filter", (String) n)));
        Map<String, Object> tok = component("tokenizer", (String) spec.get("tokenizer"));
        List<Stage> stages = new ArrayList<>();
        for (Object n : list(spec.get("filter"))) {
            Map<String, Object> f = component("filter", (String) n);
            if ("synonym_graph".equals(f.get("type"))) {
                // The rules are analysed by what precedes the filter, as
                // OpenSearch does.
                SynonymMap map = synonymMap(f, new SpecAnalyzer(cfs, tok, new ArrayList<>(stages)));
                stages.add(in -> new SynonymGraphFilter(in, map, false));
            } else {
                stages.add(in -> filter(f, in));
            }
        }
        return new SpecAnalyzer(cfs, tok, stages);
    }

    // component returns the definition of a named component, or the
    // built-in of that name.
    static Map<String, Object> component(String kind, String name) {
        Map<String, Object> defs = obj(analysis.getOrDefault(kind, new HashMap<>()));
        if (defs.containsKey(name)) return obj(defs.get(name));
        Map<String, Object> builtin = new HashMap<>();
        builtin.put("type", name);
        return builtin;
    }

    // charFilter returns the char filter f, its map or pattern built once.
    static java.util.function.UnaryOperator<Reader> charFilter(Map<String, Object> f) {
        String type = (String) f.get("type");
        switch (type) {
            case "mapping": {
                NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
                Pattern rule = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");
                for (Object o : list(f.get("mappings"))) {
                    java.util.regex.Matcher m = rule.matcher((String) o);
                    if (!m.find()) throw new IllegalArgumentException("mapping rule " + o);
                    b.add(unescape(m.group(1).trim()), unescape(m.group(2).trim()));
                }
                NormalizeCharMap map = b.build();
                return r -> new MappingCharFilter(map, r);
            }
            case "pattern_replace": {
                Pattern p = Pattern.compile((String) f.get("pattern"));
                String repl = (String) f.getOrDefault("replacement", "");
                return r -> new PatternReplaceCharFilter(p, repl, r);
            }
            case "kuromoji_iteration_mark": {
                boolean kanji = bool(f, "normalize_kanji", true), kana = bool(f, "normalize_kana", true);
                return r -> new JapaneseIterationMarkCharFilter(r, kanji, kana);
            }
        }
        throw new IllegalArgumentException("char filter type " + type);
    }

    static Tokenizer tokenizer(Map<String, Object> t) {
        String type = (String) t.get("type");
        switch (type) {
            case "standard":
                return new StandardTokenizer();
            case "kuromoji_tokenizer": {
                UserDictionary ud = null;
                List<Object> rules = list(t.getOrDefault("user_dictionary_rules", new ArrayList<>()));
                if (!rules.isEmpty()) {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : rules) sb.append(o).append('\n');
                    try {
                        ud = UserDictionary.open(new StringReader(sb.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                JapaneseTokenizer.Mode mode = JapaneseTokenizer.Mode.valueOf(((String) t.getOrDefault("mode", "search")).toUpperCase(Locale.ROOT));
                return new JapaneseTokenizer(ud, bool(t, "discard_punctuation", true), bool(t, "discard_compound_token", false), mode);
            }
        }
        throw new IllegalArgumentException("tokenizer type " + type);
    }

    static TokenStream filter(Map<String, Object> f, TokenStream in) {
        String type = (String) f.get("type");
        switch (type) {
            case "kuromoji_baseform": return new JapaneseBaseFormFilter(in);
            case "kuromoji_part_of_speech": {
                Set<String> tags = new HashSet<>();
                for (Object o : list(f.get("stoptags"))) tags.add((String) o);
                return new JapanesePartOfSpeechStopFilter(in, tags);
            }
            case "cjk_width": return new CJKWidthFilter(in);
            case "lowercase": return new LowerCaseFilter(in);
            case "keyword_marker": return new PatternKeywordMarkerFilter(in, Pattern.compile((String) f.get("keywords_pattern")));
            case "stop": {
                List<String> words = new ArrayList<>();
                for (Object o : list(f.get("stopwords"))) words.add((String) o);
                return new StopFilter(in, new CharArraySet(words, bool(f, "ignore_case", false)));
            }
            case "kuromoji_stemmer": return new JapaneseKatakanaStemFilter(in, ((Number) f.getOrDefault("minimum_length", 4)).intValue());
            case "stemmer":
                if ("possessive_english".equals(f.get("language"))) return new EnglishPossessiveFilter(in);
                break;
            case "snowball": return new SnowballFilter(in, (String) f.get("language"));
            case "cjk_bigram": {
                int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
                for (Object o : list(f.getOrDefault("ignored_scripts", new ArrayList<>()))) {
                    switch ((String) o) {
                        case "han": flags &= ~CJKBigramFilter.HAN; break;
                        case "hiragana": flags &= ~CJKBigramFilter.HIRAGANA; break;
                        case "katakana": flags &= ~CJKBigramFilter.KATAKANA; break;
                        case "hangul": flags &= ~CJKBigramFilter.HANGUL; break;
                    }
                }
                return new CJKBigramFilter(in, flags, bool(f, "output_unigrams", false));
            }
            case "pattern_replace":
                return new PatternReplaceFilter(in, Pattern.compile((String) f.get("pattern")), (String) f.getOrDefault("replacement", ""), bool(f, "all", true));
            case "length":
                return new LengthFilter(in, ((Number) f.getOrDefault("min", 0)).intValue(), ((Number) f.getOrDefault("max", Integer.MAX_VALUE)).intValue());
        }
        throw new IllegalArgumentException("filter type " + type + " " + f);
    }

    // LenientParser skips the forms that the analysis cannot turn into a
    // synonym (a stop word alone, a gap inside a form), as OpenSearch's
    // lenient synonym parser does.
    static class LenientParser extends SolrSynonymParser {
        LenientParser(Analyzer a) { super(true, true, a); }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (skippedForms.incrementAndGet() <= 30 && System.getenv("EXPORTCHECK_DEBUG") != null) {
                    System.err.println("skipped synonym form: " + e.getMessage());
                }
                return new CharsRef("");
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (input.length > 0 && output.length > 0) super.add(input, output, includeOrig);
        }
    }

    static SynonymMap synonymMap(Map<String, Object> f, Analyzer rulesAnalyzer) throws IOException, java.text.ParseException {
        String rules;
        if (f.containsKey("synonyms")) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list(f.get("synonyms"))) sb.append(o).append('\n');
            rules = sb.toString();
        } else {
            // synonyms_path is relative to a node's config directory; the
            // export holds the files themselves.
            rules = Files.readString(exportDir.resolve(Paths.get((String) f.get("synonyms_path")).getFileName()));
        }
        LenientParser p = new LenientParser(rulesAnalyzer);
        p.parse(new StringReader(rules));
        return p.build();
    }

    // ---- queries

    static Query query(Object o) {
        Map<String, Object> q = obj(o);
        if (q.size() != 1) throw new IllegalArgumentException("query with " + q.size() + " keys: " + q.keySet());
        String type = q.keySet().iterator().next();
        Map<String, Object> v = obj(q.get(type));
        switch (type) {
            case "match_all": return new MatchAllDocsQuery();
            case "match_none": return new MatchNoDocsQuery();
            case "bool": {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                boolean positive = false;
                for (String occur : new String[]{"must", "should", "filter", "must_not"}) {
                    if (!v.containsKey(occur)) continue;
                    BooleanClause.Occur oc = switch (occur) {
                        case "must" -> BooleanClause.Occur.MUST;
                        case "should" -> BooleanClause.Occur.SHOULD;
                        case "filter" -> BooleanClause.Occur.FILTER;
                        default -> BooleanClause.Occur.MUST_NOT;
                    };
                    positive |= !occur.equals("must_not");
                    for (Object c : list(v.get(occur))) b.add(query(c), oc);
                }
                if (!positive) b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
                if (v.containsKey("minimum_should_match")) b.setMinimumNumberShouldMatch(((Number) v.get("minimum_should_match")).intValue());
                return b.build();
            }
            case "match":
            case "match_phrase": {
                String field = v.keySet().iterator().next();
                Map<String, Object> m = obj(v.get(field));
                String an = (String) m.getOrDefault("analyzer", fieldAnalyzer.get(field));
                QueryBuilder qb = new QueryBuilder(analyzers.get(an));
                qb.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
                String text = (String) m.get("query");
                Query lq;
                if (type.equals("match_phrase")) {
                    lq = qb.createPhraseQuery(field, text, 0);
                } else {
                    boolean and = "and".equals(m.get("operator"));
                    lq = qb.createBooleanQuery(field, text, and ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
                }
                if (lq == null) lq = new MatchNoDocsQuery();
                return boost(lq, m);
            }
            case "term": {
                String field = v.keySet().iterator().next();
                return new TermQuery(new Term(field, String.valueOf(v.get(field))));
            }
            case "prefix": {
                String field = v.keySet().iterator().next();
                return new PrefixQuery(new Term(field, String.valueOf(v.get(field))));
            }
            case "range": {
                String field = v.keySet().iterator().next();
                Map<String, Object> m = obj(v.get(field));
                int lo = m.containsKey("gte") ? ((Number) m.get("gte")).intValue() : Integer.MIN_VALUE;
                int hi = m.containsKey("lte") ? ((Number) m.get("lte")).intValue() : Integer.MAX_VALUE;
                return IntPoint.newRangeQuery(field, lo, hi);
            }
        }
        throw new IllegalArgumentException("query type " + type);
    }

    static Query boost(Query q, Map<String, Object> m) {
        if (!m.containsKey("boost")) return q;
        float b = ((Number) m.get("boost")).floatValue();
        return b == 1f ? q : new BoostQuery(q, b);
    }

    // ---- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) { return o == null ? new ArrayList<>() : (List<Object>) o; }

    static boolean bool(Map<String, Object> m, String k, boolean def) {
        Object v = m.get(k);
        return v == null ? def : (Boolean) v;
    }

    // unescape reads the backslash escapes of a mapping rule.
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u': sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
                default: sb.append(n);
            }
        }
        return sb.toString();
    }

    // Json is a minimal JSON reader (objects keep their key order) and
    // string quoter.
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) throw j.error("trailing text");
            return v;
        }

        private RuntimeException error(String msg) { return new IllegalArgumentException("json: " + msg + " at " + i); }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private Object value() {
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        if (s.charAt(i++) != ':') throw error("want :");
                        m.put(k, value());
                        ws();
                        char d = s.charAt(i++);
                        if (d == '}') return m;
                        if (d != ',') throw error("want , or }");
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        char d = s.charAt(i++);
                        if (d == ']') return l;
                        if (d != ',') throw error("want , or ]");
                    }
                }
                case '"': return string();
                case 't': i += 4; return Boolean.TRUE;
                case 'f': i += 5; return Boolean.FALSE;
                case 'n': i += 4; return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String num = s.substring(start, i);
            if (num.isEmpty()) throw error("unexpected " + c);
            if (num.contains(".") || num.contains("e") || num.contains("E")) return Double.parseDouble(num);
            return Long.parseLong(num);
        }

        private String string() {
            if (s.charAt(i) != '"') throw error("want string");
            i++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') { sb.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: sb.append(e);
                }
            }
        }

        static String quote(String v) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                else sb.append(c);
            }
            return sb.append('"').toString();
        }
    }
}
