// LuceneBench builds and searches a Lucene index for the kensaku benchmark.
//
//   java LuceneBench build  ANALYZER INDEXDIR PASSAGES.tsv
//   java LuceneBench search ANALYZER INDEXDIR QUERIES.tsv K WARMUP
//
// ANALYZER is "kuromoji" (JapaneseAnalyzer) or "cjk" (CJKAnalyzer). Passages
// are "id<TAB>text" lines, questions "id<TAB>question" lines. build indexes as
// Elasticsearch does: one indexing thread per core feeding one IndexWriter,
// and the text stored (Elasticsearch keeps it in _source; Lucene's default
// codec compresses stored fields with LZ4). The id is also a doc value,
// which search reads: ranked ids, without decompressing stored text. A question is
// a BooleanQuery of SHOULD TermQuerys, one per analysed token (what an
// Elasticsearch match query does), scored with Lucene's default BM25. search
// prints "id<TAB>nanoseconds<TAB>hit ids separated by spaces" per question,
// timing analysis, search and id lookup inside this process, after WARMUP
// untimed questions.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public class LuceneBench {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LuceneBench build|search ANALYZER INDEXDIR FILE [K WARMUP]");
            System.exit(2);
        }
        Analyzer an = analyzer(args[1]);
        Path dir = Paths.get(args[2]);
        switch (args[0]) {
            case "build":
                build(an, dir, Paths.get(args[3]));
                break;
            case "search":
                search(an, dir, Paths.get(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                break;
            default:
                System.err.println("LuceneBench: unknown mode " + args[0]);
                System.exit(2);
        }
    }

    static Analyzer analyzer(String name) {
        switch (name) {
            case "kuromoji":
                return new JapaneseAnalyzer();
            case "cjk":
                return new CJKAnalyzer();
            default:
                throw new IllegalArgumentException("unknown analyzer " + name + ", want kuromoji or cjk");
        }
    }

    // batch is how many passages one indexing task adds.
    static final int batch = 1000;

    static void build(Analyzer an, Path dir, Path tsv) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        IndexWriterConfig cfg = new IndexWriterConfig(an);
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setRAMBufferSizeMB(256);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // At most two batches per thread are read ahead of the writers, so
        // memory is bounded by the RAM buffer, not by the corpus.
        Semaphore ahead = new Semaphore(2 * threads);
        List<Future<?>> tasks = new ArrayList<>();
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), cfg);
             BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            List<String> lines = new ArrayList<>(batch);
            String line;
            while (true) {
                line = r.readLine();
                if (line != null) {
                    lines.add(line);
                }
                if (lines.size() == batch || (line == null && !lines.isEmpty())) {
                    List<String> todo = lines;
                    lines = new ArrayList<>(batch);
                    ahead.acquire();
                    tasks.add(pool.submit(() -> {
                        try {
                            add(w, todo);
                        } finally {
                            ahead.release();
                        }
                        return null;
                    }));
                }
                if (line == null) {
                    break;
                }
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            w.commit();
        } finally {
            pool.shutdown();
        }
    }

    static void add(IndexWriter w, List<String> lines) throws IOException {
        for (String line : lines) {
            int t = line.indexOf('\t');
            if (t < 0) {
                continue;
            }
            Document d = new Document();
            String id = line.substring(0, t);
            d.add(new StringField("id", id, Field.Store.YES));
            d.add(new SortedDocValuesField("id", new BytesRef(id)));
            d.add(new TextField("text", line.substring(t + 1), Field.Store.YES));
            w.addDocument(d);
        }
    }

    static Query query(Analyzer an, String text) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        try (TokenStream ts = an.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (n < BooleanQuery.getMaxClauseCount()) {
                    b.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
                    n++;
                }
            }
            ts.end();
        }
        return b.build();
    }

    // id reads the id of document doc from its doc values, as a ranked-ids
    // answer needs: loading it from the stored fields would decompress the
    // block of stored text it shares.
    static String id(DirectoryReader reader, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues dv = leaf.reader().getSortedDocValues("id");
        if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
            return "";
        }
        return dv.lookupOrd(dv.ordValue()).utf8ToString();
    }

    static void search(Analyzer an, Path dir, Path tsv, int k, int warmup) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int t = line.indexOf('\t');
                if (t < 0) {
                    continue;
                }
                ids.add(line.substring(0, t));
                texts.add(line.substring(t + 1));
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir));
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            IndexSearcher s = new IndexSearcher(reader);
            for (int i = 0; i < warmup && i < texts.size(); i++) {
                s.search(query(an, texts.get(i)), k);
            }
            for (int i = 0; i < texts.size(); i++) {
                long t0 = System.nanoTime();
                TopDocs td = s.search(query(an, texts.get(i)), k);
                StringBuilder hits = new StringBuilder();
                for (ScoreDoc sd : td.scoreDocs) {
                    if (hits.length() > 0) {
                        hits.append(' ');
                    }
                    hits.append(id(reader, sd.doc));
                }
                long dt = System.nanoTime() - t0;
                out.write(ids.get(i) + "\t" + dt + "\t" + hits + "\n");
            }
        }
    }
}
