package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/netutil"

	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search/httpapi"
)

// openServeSearcher opens the searcher that serve serves and reloads;
// tests replace it.
var openServeSearcher = openSearcher

// serveConfig is what the flags of serve set.
type serveConfig struct {
	index      string
	glossaries []string
	addr       string // listen address, host defaulted to 127.0.0.1
	logFormat  string
	timeout    time.Duration // per search
	grace      time.Duration // shutdown wait for in-flight requests
	watch      time.Duration // how often to look for a new generation; 0: never
	maxConns   int           // open connections served at once
}

func runServe(ctx context.Context, e *env, args []string) error {
	cfg, err := parseServeFlags(e, args)
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return serve(ctx, e, cfg, hup)
}

func parseServeFlags(e *env, args []string) (serveConfig, error) {
	fs := newFlagSet(e, "serve")
	var cfg serveConfig
	var glossaries stringList
	fs.StringVar(&cfg.index, "index", "", "index `directory` to serve; empty serves the built-in corpus")
	fs.Var(&glossaries, "glossary", "user glossary `file` added to the index's (repeatable)")
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen `address`; a bare port or :port binds 127.0.0.1, use 0.0.0.0:port for all interfaces")
	fs.StringVar(&cfg.logFormat, "log-format", "text", "log `format` on stderr: text or json")
	fs.DurationVar(&cfg.timeout, "timeout", httpapi.DefaultTimeout, "longest one search may take")
	fs.DurationVar(&cfg.grace, "shutdown-timeout", 15*time.Second, "how long shutdown waits for requests in flight")
	fs.IntVar(&cfg.maxConns, "max-connections", 1024, "most client connections open at once; more wait to be accepted")
	fs.DurationVar(&cfg.watch, "watch", 2*time.Second, "how often to look for an index rebuilt by kensaku index and switch to it; 0 never (SIGHUP still reloads)")
	if err := parseFlags(fs, args); err != nil {
		return cfg, err
	}
	cfg.glossaries = glossaries
	usage := func(format string, a ...any) (serveConfig, error) {
		fmt.Fprintf(e.stderr, "serve: "+format+"\n", a...)
		fs.Usage()
		return cfg, errUsage
	}
	if fs.NArg() > 0 {
		return usage("unexpected arguments %q", fs.Args())
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return usage("--log-format %q: want text or json", cfg.logFormat)
	}
	if cfg.timeout <= 0 || cfg.grace <= 0 || cfg.watch < 0 || cfg.maxConns <= 0 {
		return usage("--timeout, --shutdown-timeout and --max-connections must be positive, --watch not negative")
	}
	cfg.addr = listenAddr(cfg.addr)
	return cfg, nil
}

// listenAddr makes "8080" and ":8080" bind 127.0.0.1 rather than every
// interface.
func listenAddr(addr string) string {
	if addr != "" && strings.Trim(addr, "0123456789") == "" {
		return net.JoinHostPort("127.0.0.1", addr)
	}
	if host, port, err := net.SplitHostPort(addr); err == nil && host == "" {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// serve opens the searcher, listens, and serves until ctx ends, reopening
// the searcher on each value from hup.
func serve(ctx context.Context, e *env, cfg serveConfig, hup <-chan os.Signal) (err error) {
	logger := newLogger(e.stderr, cfg.logFormat).With("component", "http")
	s, c, err := openServeSearcher(ctx, e, cfg.index, cfg.glossaries)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	sw := httpapi.NewSwapper(s, c, logger)
	defer func() {
		if cerr := sw.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("serve: close searcher: %w", cerr))
		}
	}()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", cfg.addr, err)
	}
	// Beyond the limit, connections wait in the kernel's backlog rather
	// than each taking a file descriptor and a goroutine.
	ln = netutil.LimitListener(ln, cfg.maxConns)
	corpus := "the built-in corpus (令和2年版 防衛白書 p.389)"
	if cfg.index != "" {
		corpus = "the index " + cfg.index
	}
	opts := httpapi.Options{Logger: logger, Timeout: cfg.timeout, Corpus: corpus}
	srv := httpapi.NewServer(httpapi.New(sw, opts), opts)

	// A rebuilt index is a new generation: serve switches to it when it
	// sees it (or on SIGHUP), and the old one is closed, and its files
	// released, when its last search returns.
	var tick <-chan time.Time
	gen := ""
	if cfg.index != "" && cfg.watch > 0 {
		gen, _ = indexer.CurrentGeneration(cfg.index)
		t := time.NewTicker(cfg.watch)
		defer t.Stop()
		tick = t.C
	}
	reloaded := make(chan struct{})
	go func() {
		defer close(reloaded)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				gen, _ = indexer.CurrentGeneration(cfg.index)
				reload(ctx, e, cfg, sw, logger)
			case <-tick:
				if now, err := indexer.CurrentGeneration(cfg.index); err == nil && now != gen {
					gen = now
					logger.Info("new index generation", "generation", now)
					reload(ctx, e, cfg, sw, logger)
				}
			}
		}
	}()
	defer func() { <-reloaded }()

	logger.Info("listening on http://"+ln.Addr().String(), "addr", ln.Addr().String(), "index", cfg.index)
	if err := httpapi.Serve(ctx, srv, ln, cfg.grace); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// reload reopens the searcher and swaps it in; on failure the old one
// keeps serving.
func reload(ctx context.Context, e *env, cfg serveConfig, sw *httpapi.Swapper, logger *slog.Logger) {
	start := time.Now()
	s, c, err := openServeSearcher(ctx, e, cfg.index, cfg.glossaries)
	if err != nil {
		logger.Error("reload failed; still serving the previous index", "err", err)
		return
	}
	if err := sw.Swap(s, c); err != nil {
		logger.Error("reload failed", "err", err)
		return
	}
	logger.Info("reloaded", "index", cfg.index, "elapsed_ms", time.Since(start).Milliseconds())
}
